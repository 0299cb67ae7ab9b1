"""Planning and rendering the site: which pages a catalogue makes, and their Markdown, figures and open data."""
