"""Reading and checking the data: YAML files in ``data/`` → typed models → a cross-checked ``Catalogue``."""
