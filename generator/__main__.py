"""``python -m generator``: the command line (see ``generator.commands.cli``)."""

import gc

# One command is one short process: Python's cycle collector would only scan, again and again, objects that
# live until the exit (while importing, and once more, over everything a build kept, when the build ends:
# 0.15 s at 5,000 devices), to free cycles the exit frees anyway. Reference counting still frees the rest.
gc.disable()

from generator.commands.cli import run  # noqa: E402  (after disabling the collector: imports allocate too)

run()
