# make run | make test — everything else is set up by these targets.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
# Offscreen only where nobody looks at the window; `make run` opens it on the real display.
OFFSCREEN := test unit interop lint typecheck soak bench screenshots team-screenshots icons
$(OFFSCREEN): export QT_QPA_PLATFORM ?= offscreen

# Try each candidate by running it: pyenv shims exist for versions that are not active.
PYTHON_CANDIDATES := python3.13 python3.12 \
	$(wildcard $(HOME)/.pyenv/versions/3.13*/bin/python3) \
	$(wildcard $(HOME)/.pyenv/versions/3.12*/bin/python3) \
	$(wildcard /root/.pyenv/versions/3.13*/bin/python3) \
	$(wildcard /root/.pyenv/versions/3.12*/bin/python3) \
	$(wildcard /usr/local/bin/python3.1[23]) $(wildcard /usr/bin/python3.1[23]) python3

.PHONY: venv run test lint typecheck unit soak clean translations screenshots dist deb dist-test icons

venv: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	@py=""; \
	for c in $$( (command -v pyenv >/dev/null && ls -d "$$(pyenv root)"/versions/3.1[23]*/bin/python3 2>/dev/null) ) $(PYTHON_CANDIDATES); do \
	  if "$$c" -c 'import sys, venv; sys.exit(not ((3, 12) <= sys.version_info[:2] < (3, 14)))' >/dev/null 2>&1; then py="$$c"; break; fi; \
	done; \
	if [ -z "$$py" ]; then echo "No working Python 3.12 or 3.13 found; install one (e.g. pyenv install 3.12)." >&2; exit 1; fi; \
	echo "Using $$py ($$("$$py" --version))"; \
	rm -rf $(VENV) && "$$py" -m venv $(VENV)
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $@

# The benchmarks (README, Performance): minutes at full size, never part of test; linted with it.
.PHONY: bench lint-bench
bench: venv
	$(PY) -m bench $(BENCH_ARGS)

lint: lint-bench
lint-bench: venv
	$(VENV)/bin/ruff check bench

run: venv
	$(VENV)/bin/annotator $(ARGS)

lint: venv
	$(VENV)/bin/ruff check annotator tests main.py packaging

typecheck: venv
	$(VENV)/bin/mypy annotator

# docs/screenshots/adjudication.png and dashboard.png, drawn offscreen from the sample interview.
.PHONY: team-screenshots
team-screenshots: venv
	$(PY) tools/team_screenshots.py docs/screenshots

unit: venv
	$(PY) -m pytest -q -m "not interop" --ignore=tests/interop

# Exports read by Label Studio's converter, seqeval, a brat parser, pandas, duckdb and datasets.
.PHONY: interop
$(VENV)/.installed-interop: $(VENV)/.installed
	$(PY) -m pip install --quiet -e '.[dev,interop]'
	touch $@

interop: $(VENV)/.installed-interop
	ANNOTATOR_INTEROP=1 $(PY) -m pytest -q -m interop tests/interop

test: lint typecheck unit

# Update the Persian .ts from every tr() in annotator/ui (translations kept), then compile the .qm.
translations: venv
	$(VENV)/bin/pyside6-lupdate annotator/ui/*.py -target-language fa -no-obsolete \
	  -locations relative -ts resources/i18n/annotator_fa.ts
	$(VENV)/bin/pyside6-lrelease resources/i18n/annotator_fa.ts -qm resources/i18n/annotator_fa.qm

# The README's pictures of the window, in Persian and in English (offscreen).
screenshots: venv
	$(PY) tools/screenshots.py docs/screenshots
	$(PY) tools/screenshots.py docs/screenshots --scaled
# The packaged bundle (README: "The packaged bundle"). PyInstaller builds for this system only.
VERSION = $(shell sed -n 's/^__version__ = "\(.*\)"/\1/p' annotator/__init__.py)

$(VENV)/.installed-dist: $(VENV)/.installed
	$(PY) -m pip install --quiet -e '.[dev,dist]'
	touch $@

dist: $(VENV)/.installed-dist
	rm -rf dist/annotator build/pyinstaller
	$(VENV)/bin/pyinstaller --noconfirm --clean --log-level WARN \
		--distpath dist --workpath build/pyinstaller build.spec
	packaging/make_tarball.sh $(VERSION)

deb: dist
	packaging/make_deb.sh $(VERSION)

dist-test: deb
	packaging/dist_test.sh $(VERSION)

icons: venv
	$(PY) packaging/make_icons.py
	$(PY) -m annotator.ui.icons resources/icons/actions
# The reliability tests with long counts: 500 kill rounds, 5000 fuzz inputs per importer.
soak: venv
	ANNOTATOR_SOAK_ROUNDS=$${ANNOTATOR_SOAK_ROUNDS:-500} \
	ANNOTATOR_FUZZ_EXAMPLES=$${ANNOTATOR_FUZZ_EXAMPLES:-5000} \
	$(PY) -m pytest -q -s tests/reliability

clean:
	rm -rf $(VENV) build dist *.egg-info .mypy_cache .ruff_cache .hypothesis
