# make run | make test — everything else is set up by these targets.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
export QT_QPA_PLATFORM ?= offscreen

# Try each candidate by running it: pyenv shims exist for versions that are not active.
PYTHON_CANDIDATES := python3.13 python3.12 \
	$(wildcard $(HOME)/.pyenv/versions/3.13*/bin/python3) \
	$(wildcard $(HOME)/.pyenv/versions/3.12*/bin/python3) \
	$(wildcard /root/.pyenv/versions/3.13*/bin/python3) \
	$(wildcard /root/.pyenv/versions/3.12*/bin/python3) \
	$(wildcard /usr/local/bin/python3.1[23]) $(wildcard /usr/bin/python3.1[23]) python3

.PHONY: venv run test lint typecheck unit soak clean

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

run: venv
	$(VENV)/bin/annotator

lint: venv
	$(VENV)/bin/ruff check annotator tests main.py

typecheck: venv
	$(VENV)/bin/mypy annotator

unit: venv
	$(PY) -m pytest -q

test: lint typecheck unit

# The reliability tests with long counts: 500 kill rounds, 5000 fuzz inputs per importer.
soak: venv
	ANNOTATOR_SOAK_ROUNDS=$${ANNOTATOR_SOAK_ROUNDS:-500} \
	ANNOTATOR_FUZZ_EXAMPLES=$${ANNOTATOR_FUZZ_EXAMPLES:-5000} \
	$(PY) -m pytest -q -s tests/reliability

clean:
	rm -rf $(VENV) build *.egg-info .mypy_cache .ruff_cache .hypothesis
