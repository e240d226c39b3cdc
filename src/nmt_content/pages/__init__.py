"""Which pages exist, and each page's SEO facts, computed once."""
