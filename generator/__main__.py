"""``python -m generator``: the command line (see ``generator.commands.cli``)."""

from generator.commands.cli import run

run()
