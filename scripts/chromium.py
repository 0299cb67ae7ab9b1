"""Where Chromium is, for the browser tests, Lighthouse and the screenshots: one answer for all of them.

``CHROME_PATH`` wins (Lighthouse reads the same variable); otherwise the first of ``chromium``,
``chromium-browser`` and ``google-chrome`` on ``PATH`` (Debian, Ubuntu's and Google's names). Nothing
here downloads a browser: ``make browser`` installs Debian's, and CI sets ``CHROME_PATH``.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

NAMES = ("chromium", "chromium-browser", "google-chrome")
# Chromium as the tests and Lighthouse start it: no connection of its own to anything but the page.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


class ChromiumMissing(RuntimeError):
    """No Chromium to drive; the message says where it was looked for and how to get one."""


def find_chromium(environ: os._Environ[str] | dict[str, str] | None = None, path: str | None = None) -> str:
    """The Chromium executable to start, or :class:`ChromiumMissing` with a message a person can act on."""
    environ = os.environ if environ is None else environ
    chosen = environ.get("CHROME_PATH", "")
    if chosen:
        if Path(chosen).is_file() and os.access(chosen, os.X_OK):
            return chosen
        raise ChromiumMissing(
            f"CHROME_PATH is {chosen!r}, which is not an executable file; "
            "point it at Chromium or unset it to use the one on PATH"
        )
    for name in NAMES:
        found = shutil.which(name, path=path if path is not None else environ.get("PATH", os.defpath))
        if found:
            return found
    raise ChromiumMissing(
        f"no Chromium: CHROME_PATH is unset and none of {', '.join(NAMES)} is on PATH; "
        "run `make browser` (installs Debian's chromium) or set CHROME_PATH to a Chromium "
        "or Chrome executable"
    )
