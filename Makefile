# Two-command set-up: `make run` and `make test`. Both create .venv when missing and
# reinstall only when pyproject.toml changed.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
EXTRAS ?= dev

.PHONY: run test bench clean-venv

$(STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	@$(PY) -m pip install -q --disable-pip-version-check --upgrade "pip>=24"
	@$(PY) -m pip install -q --disable-pip-version-check -e ".[$(EXTRAS)]"
	@touch $(STAMP)

run: $(STAMP)
	@$(VENV)/bin/bulletins run corpus/texts -o out/records.jsonl
	@echo "records: out/records.jsonl (errors, if any: out/records.errors.jsonl)"

test: $(STAMP)
	@$(PY) -m pytest

bench: $(STAMP)
	@$(VENV)/bin/bulletins bench

clean-venv:
	rm -rf $(VENV)
