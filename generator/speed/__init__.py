"""Keeping large catalogues fast: work shared among cores, the cycle collector paused during a build."""
