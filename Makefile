# Two entry points: `make demo` and `make test`. Both build the virtual
# environment first, from pinned versions, on a fresh machine.
PYTHON ?= python3.11
VENV   ?= .venv
BIN    := $(VENV)/bin

.PHONY: venv demo test lint bench clean

$(BIN)/newsdesk: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -qq --upgrade pip
	# torch first, pinned: the CPU build; anything else would pull a multi-GB CUDA build
	$(BIN)/pip install -qq torch==2.13.0
	$(BIN)/pip install -qq -e '.[dev]'
	touch $@

venv: $(BIN)/newsdesk

demo: venv
	$(BIN)/newsdesk demo

# pytest's exit code 5 (no tests collected) must fail, not pass silently.
test: venv
	$(BIN)/ruff check src tests bench
	$(BIN)/python -m pytest -q -p no:cacheprovider; rc=$$?; \
	  if [ $$rc -eq 5 ]; then echo "error: pytest collected no tests" >&2; exit 1; fi; exit $$rc

lint: venv
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/mypy

bench: venv
	$(BIN)/python bench/extraction_aeb.py
	$(BIN)/python bench/extraction_trafilatura_eval.py
	$(BIN)/python bench/ingest_throughput.py
	$(BIN)/python bench/ingest_store.py
	$(BIN)/python bench/near_duplicates.py

clean:
	rm -rf $(VENV) build dist src/*.egg-info newsdesk-demo.db*
