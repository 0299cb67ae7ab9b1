"""Lens Lineage generator: cited YAML data → validated models → Markdown pages for MkDocs."""
