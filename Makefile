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
# and Node.js/npm for Lighthouse and axe-core when the machine lacks them.
browser:
	@command -v chromium >/dev/null 2>&1 || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }
	@command -v npm >/dev/null 2>&1 || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null; }

# Lighthouse and axe-core from package-lock.json: re-run only when the lock changed (like the venv).
NODE_STAMP := node_modules/.installed
node: $(NODE_STAMP)
$(NODE_STAMP): package-lock.json package.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $(NODE_STAMP)

serve: setup
	.venv/bin/mkdocs serve --dev-addr 127.0.0.1:8000

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
