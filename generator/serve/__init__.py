"""``mkdocs serve --dirty`` (``make serve``): what the MkDocs plugin keeps between rebuilds, so that a save
costs what it changes.

- :mod:`.state`: what is kept between rebuilds, and MkDocs' dirty rebuild put right;
- :mod:`.patch`: a save of data files alone, built in place;
- :mod:`.head_start`: a data save read and rendered while the server waits to build it;
- :mod:`.pieces`: large Markdown tables and lists converted a few rows at a time, each piece kept;
- :mod:`.conversions`: a page's Markdown converted again only when what is left of it changed;
- :mod:`.search`: the search index, kept page by page;
- :mod:`.builds`: a page's HTML kept when the theme would make the same of it;
- :mod:`.templates`: the theme's compiled templates, kept;
- :mod:`.watching`: MkDocs' polling of what it watches, at a cost that does not grow with the catalogue.
"""
