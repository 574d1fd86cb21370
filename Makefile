# Two entry points: `make demo` and `make test`. Both build the virtual
# environment first, from pinned versions, on a fresh machine.
PYTHON ?= python3.11
VENV   ?= .venv
BIN    := $(VENV)/bin

.PHONY: venv demo test lint bench clean chromium axe

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

# The browser tests drive Debian's chromium; install it where we can (CI runs as root).
# Where it cannot be installed the browser tests are skipped, saying how to install it.
chromium:
	@command -v chromium >/dev/null 2>&1 || { [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1 \
	  && (apt-get update -qq && apt-get install -y -qq chromium) >/dev/null 2>&1 \
	  || echo "note: chromium not installed; browser tests will be skipped (apt-get install chromium)" >&2; }

# axe-core, pinned in package-lock.json, for the browser tests' accessibility checks.
axe:
	@if command -v npm >/dev/null 2>&1; then npm ci --silent --no-audit --no-fund; \
	  else echo "note: npm not found; the axe-core checks will be skipped (apt-get install nodejs npm, then npm ci)" >&2; fi

# pytest's exit code 5 (no tests collected) must fail, not pass silently.
test: venv chromium axe
	$(BIN)/ruff check src tests bench
	$(BIN)/python -m pytest -q -p no:cacheprovider; rc=$$?; \
	  if [ $$rc -eq 5 ]; then echo "error: pytest collected no tests" >&2; exit 1; fi; exit $$rc

lint: venv
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/mypy

bench: venv  # the evaluation data lives in ../shared/eval; not part of the tests
	$(BIN)/pip install -qq -e '.[bench]'
	for script in extraction_aeb extraction_trafilatura_eval ingest_throughput ingest_store \
	    near_duplicates clustering_ecbplus clustering_demo clustering_crosslingual assignment_latency ner_conll \
	    entity_identity_meantime timex_tempeval3 quotes_polnear annotate_throughput \
	    brief_quality brief_speed; do $(BIN)/python bench/$$script.py || exit 1; done

clean:
	rm -rf $(VENV) build dist src/*.egg-info newsdesk-demo.db*
