"""schema.org JSON-LD: @id rules, graph pieces, assembly and validation."""
