"""Lens Lineage generator: cited YAML data → validated catalogue → site pages for MkDocs.

The stages, each a sub-package that imports only those listed after it:

- ``commands`` and ``mkdocs_plugin``: the command line and the MkDocs glue;
- ``output``: writing generated files into a docs folder;
- ``site``: planning the site's pages from a catalogue and rendering them (templates, figures, open data);
- ``catalogue``: reading data files, the models, checking them into a ``Catalogue``;
- ``speed``: sharing work among cores and keeping the cycle collector out of the way.

``lint-imports`` (contracts in ``pyproject.toml``) enforces that order.
"""
