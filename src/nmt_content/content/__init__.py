"""Every read of the knowledge base: YAML with source positions, front matter, validation into
models, and the loader (the only code that opens content files). Imports models, site and errors;
knows nothing of pages, schema.org or output."""
