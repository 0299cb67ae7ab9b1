"""Screenshots of built pages for a human to look at: python scripts/screenshot.py URL... (site on :8000)."""

import sys

from playwright.sync_api import sync_playwright

ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]

with sync_playwright() as p:
    browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
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
