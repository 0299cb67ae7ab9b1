"""``python -m generator``: the command line (see ``generator.commands.cli``)."""

import gc

# One command is one short process. Python's cycle collector would scan, again and again, objects that live
# until the exit: while importing, once more over everything a build made when the build ends (0.15 s at
# 5,000 devices, on one core, after the last write), and once more at the exit, which collects whether or
# not the collector is on. So it stays off, and what is alive at the end is frozen (gc.freeze): the exit's
# pass then scans nothing. Reference counting still frees the rest; cycles left at the exit die with it.
gc.disable()

from generator.commands.cli import run  # noqa: E402  (after pausing the collector: imports allocate too)
from generator.speed.memory import keep_freed_memory  # noqa: E402

keep_freed_memory()
try:
    run()
finally:
    gc.freeze()
