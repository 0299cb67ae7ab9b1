# Everything the project needs installs from files in this repo:
# requirements.lock (Python), package-lock.json (Lighthouse, axe-core) and Debian's Chromium.
PY      := .venv/bin/python
STAMP   := .venv/.installed
export NO_MKDOCS_2_WARNING := 1

.PHONY: setup serve build test generate check lint lock audit bench browser node clean

setup: $(STAMP)

# Re-run only when the lock or the project metadata changed: a no-op when current.
$(STAMP): requirements.lock pyproject.toml
	test -x $(PY) || python3.11 -m venv .venv || python3 -m venv .venv
	$(PY) -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements.lock
	# The project itself, editable, with the locked setuptools (nothing more is fetched): it registers the
	# MkDocs plugin's entry point and puts generator/ on the path.
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $(STAMP)

# Debian's Chromium for the reader's-eye tests (Playwright must not download a browser of its own),
# and Node.js/npm for Lighthouse and axe-core when the machine lacks them. Nothing is installed when
# CHROME_PATH names a browser or one is on PATH (the names scripts/chromium.py looks for). apt-get runs
# as root: directly when we are root, through sudo when we are not (a GitHub runner), else we say so.
AS_ROOT = if [ "$$(id -u)" = 0 ]; then set --; elif command -v sudo >/dev/null 2>&1; then set -- sudo; \
	else echo "Error: $$1 is missing and installing it needs apt-get as root, but we are not root and sudo is not available: install it yourself$$2" >&2; exit 1; fi; \
	command -v apt-get >/dev/null 2>&1 || { echo "Error: $$1 is missing and this machine has no apt-get: install it yourself$$2" >&2; exit 1; }
APT_INSTALL = "$$@" apt-get update -qq && "$$@" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq
browser:
	@if [ -n "$$CHROME_PATH" ]; then \
		[ -f "$$CHROME_PATH" ] && [ -x "$$CHROME_PATH" ] || { echo "Error: CHROME_PATH is '$$CHROME_PATH', which is not an executable file" >&2; exit 1; }; \
	elif ! command -v chromium >/dev/null 2>&1 && ! command -v chromium-browser >/dev/null 2>&1 && ! command -v google-chrome >/dev/null 2>&1; then \
		set -- Chromium " (Debian: apt-get install chromium) and set CHROME_PATH to it if it is not on PATH as chromium"; $(AS_ROOT); \
		$(APT_INSTALL) chromium >/dev/null; \
	fi
	@command -v npm >/dev/null 2>&1 || { set -- "Node.js (npm)" " (Debian: apt-get install nodejs npm)"; $(AS_ROOT); \
		$(APT_INSTALL) nodejs npm >/dev/null; }

# Lighthouse and axe-core from package-lock.json: re-run only when the lock changed (like the venv).
NODE_STAMP := node_modules/.installed
node: $(NODE_STAMP)
$(NODE_STAMP): package-lock.json package.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $(NODE_STAMP)

serve: setup
	.venv/bin/mkdocs serve --dirty --dev-addr 127.0.0.1:8000

build: setup
	.venv/bin/mkdocs build --strict

generate: setup
	$(PY) -m generator generate

check: setup
	$(PY) -m generator check

test: setup browser node
	$(PY) -m pytest -n 2

lint: setup
	.venv/bin/ruff check generator tests scripts
	.venv/bin/ruff format --check generator tests scripts
	.venv/bin/mypy
	.venv/bin/lint-imports

# Refresh the lock after changing dependencies in pyproject.toml (needs network to PyPI).
lock:
	python3 -m pip install --quiet uv && python3 -m uv pip compile pyproject.toml --extra dev \
		--python-version 3.11 --generate-hashes -o requirements.lock

# Benchmark, not a test: Lighthouse's mobile and desktop presets on every kind of page, as a table of
# the four scores, page weight (of which JS, CSS, fonts) and LCP/CLS/TBT. ARGS="--strict" fails it
# below 100 on mobile or at 300 KB on a device page; ARGS="--json FILE" keeps the numbers.
audit: setup browser node
	$(PY) scripts/audit.py $(ARGS)

# Benchmark, not a test (several minutes): the generator and `mkdocs build` on synthetic catalogues of
# 500, 1,000 and 5,000 devices, and `mkdocs serve`'s edit-to-page time on the real site, as a table.
# ARGS="--sizes 200 --no-serve" for a quick run; ARGS="--markdown FILE" keeps the table.
bench: setup
	$(PY) scripts/bench.py $(ARGS)

clean:
	rm -rf site .venv .pytest_cache
