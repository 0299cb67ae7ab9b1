"""Screenshots of built pages for a human to look at: python scripts/screenshot.py URL... (site on :8000)."""

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from scripts.chromium import CHROMIUM_ARGS, ChromiumMissing, find_chromium  # noqa: E402

try:
    CHROMIUM = find_chromium()
except ChromiumMissing as exc:
    sys.exit(f"Error: {exc}")

with sync_playwright() as p:
    browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    for spec in sys.argv[1:]:
        path, _, rest = spec.partition("@")
        width, _, scheme = rest.partition(",")
        width, scheme = width or "1280", scheme or "light"
        page = browser.new_page(viewport={"width": int(width), "height": 900}, color_scheme=scheme)
        page.goto(f"http://127.0.0.1:8000/{path}")
        out = f"/tmp/shot-{path.strip('/').replace('/', '_') or 'home'}-{width}-{scheme}.png"
        page.screenshot(path=out, full_page=True)
        print(out)
    browser.close()
