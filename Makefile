# Two-command set-up: `make run` and `make test`. Both create .venv when missing and
# reinstall only when pyproject.toml changed. `make run` installs what running needs;
# `make test` adds the `dev` extra (test tools, DuckDB, pyarrow, Ray).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip install -q --disable-pip-version-check
RUN_STAMP := $(VENV)/.installed-run
TEST_STAMP := $(VENV)/.installed-test

.PHONY: run test bench clean-venv

$(PY):
	$(PYTHON) -m venv $(VENV)
	@$(PIP) --upgrade "pip>=24"

$(RUN_STAMP): pyproject.toml | $(PY)
	@$(PIP) -e .
	@touch $(RUN_STAMP)

$(TEST_STAMP): pyproject.toml | $(PY)
	@$(PIP) -e ".[dev]"
	@touch $(TEST_STAMP) $(RUN_STAMP)

run: $(RUN_STAMP)
	@$(VENV)/bin/bulletins run corpus/texts -o out/records.jsonl
	@echo "records: out/records.jsonl (errors, if any: out/records.errors.jsonl)"

# pytest exit 5 (no tests collected) is a failure with a message, not a silent pass.
test: $(TEST_STAMP)
	@$(PY) -m pytest; code=$$?; \
	if [ $$code -eq 5 ]; then echo "make test: pytest collected no tests: check testpaths" >&2; fi; \
	exit $$code

bench: $(RUN_STAMP)
	@$(VENV)/bin/bulletins bench

clean-venv:
	rm -rf $(VENV)
