"""``mkdocs serve --dirty`` (``make serve``): what the MkDocs plugin keeps between rebuilds, so that a save
costs what it changes.

- :mod:`.state`: what is kept between rebuilds, and MkDocs' dirty rebuild put right;
- :mod:`.patch`: a save of data files alone, built in place;
- :mod:`.pieces`: large Markdown tables and lists converted a few rows at a time, each piece kept;
- :mod:`.conversions`: a page's Markdown converted again only when what is left of it changed;
- :mod:`.search`: the search index, kept page by page;
- :mod:`.templates`: the theme's compiled templates, kept.
"""
