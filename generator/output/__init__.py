"""Writing generated files into a docs folder: only changed bytes, atomically, never a hand-written page."""
