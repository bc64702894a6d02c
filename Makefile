# Two commands set everything up on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint install bench clean system-packages

# LightGBM's wheel needs the OpenMP runtime (Debian package libgomp1); a no-op when it is present.
system-packages:
	@ldconfig -p | grep -q 'libgomp.so.1 ' || { apt-get update -qq && apt-get install -y -qq libgomp1; }

$(STAMP): pyproject.toml | system-packages
	@command -v $(PYTHON) >/dev/null || { echo "Python 3.11 is needed ($(PYTHON) not found)"; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	@mkdir -p build/demo
	$(BIN)/mfgdata profile data/open/ai4i-2020 --json build/demo/ai4i-2020.profile.json --html build/demo/ai4i-2020.profile.html
	@echo ""
	@echo "Demo profile report (open it in a browser): $(CURDIR)/build/demo/ai4i-2020.profile.html"
	@echo "데모 프로파일 보고서 (브라우저로 여세요): $(CURDIR)/build/demo/ai4i-2020.profile.html"

test: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/python -m pytest --durations=15

lint: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench

# Peer tools (ydata-profiling) live in their own virtualenv, never in what `make test` installs.
BENCH_VENV := .venv-bench
bench: $(STAMP)
	test -x $(BENCH_VENV)/bin/python || $(PYTHON) -m venv $(BENCH_VENV)
	$(BENCH_VENV)/bin/python -m pip install --quiet -r bench/requirements.txt
	$(BIN)/python bench/profile_bench.py --peer-python $(BENCH_VENV)/bin/python

clean:
	rm -rf build .pytest_cache
