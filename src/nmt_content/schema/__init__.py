"""schema.org JSON-LD from page facts: `@id` rules, one small piece per node kind, graph assembly,
and the vocabulary to check graphs against. Imports pages, site, urls and models; pure."""
