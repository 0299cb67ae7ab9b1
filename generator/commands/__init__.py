"""The command line: ``python -m generator generate|check|new|schemas``."""
