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

# pytest exit 5 (no tests collected) is a failure with a message, not a silent pass.
test: $(STAMP)
	@$(PY) -m pytest; code=$$?; \
	if [ $$code -eq 5 ]; then echo "make test: pytest collected no tests: check testpaths" >&2; fi; \
	exit $$code

bench: $(STAMP)
	@$(VENV)/bin/bulletins bench

clean-venv:
	rm -rf $(VENV)
