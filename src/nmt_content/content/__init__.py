"""Pure parsing of content text: YAML, front matter, Markdown. Nothing here reads files."""
