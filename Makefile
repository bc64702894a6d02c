# Two commands set everything up on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
STATIC_VENDOR := src/mfgdata/web/static/vendor
ASSETS := $(STATIC_VENDOR)/.installed

.PHONY: demo test lint install bench bench-quality clean fonts assets chromium messages site-bench system-packages

# LightGBM's wheel needs the OpenMP runtime (Debian package libgomp1); a no-op when it is present.
system-packages:
	@ldconfig -p | grep -q 'libgomp.so.1 ' || { apt-get update -qq && apt-get install -y -qq libgomp1; }

$(STAMP): pyproject.toml | system-packages
	@command -v $(PYTHON) >/dev/null || { echo "Python 3.11 is needed ($(PYTHON) not found)"; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP) fonts $(ASSETS)

# Quality reports (PDF) embed a Hangul font: Debian's fonts-nanum, installed once (a no-op when present).
HANGUL_FONT := /usr/share/fonts/truetype/nanum/NanumGothic.ttf
fonts:
	@test -f $(HANGUL_FONT) || { command -v apt-get >/dev/null && apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-nanum >/dev/null; } || \
		echo "fonts-nanum could not be installed: PDF reports will lack Hangul glyphs"

# Front-end assets (KRDS, HTMX, the Toss Payments browser SDK; axe-core for the browser tests) from npm into the
# site's static folder. Installed here, never fetched at run time, never from a CDN. (The Toss SDK, used only when
# the Toss gateway is switched on, opens Toss's own payment window: that window is Toss's service, not an asset.)
$(ASSETS): package.json package-lock.json
	@command -v npm >/dev/null || { echo "npm is needed for the site's assets (apt-get install -y npm)"; exit 1; }
	npm ci --no-audit --no-fund --silent
	rm -rf $(STATIC_VENDOR) && mkdir -p $(STATIC_VENDOR)/krds $(STATIC_VENDOR)/htmx
	cp -r node_modules/krds-uiux/resources/css node_modules/krds-uiux/resources/fonts node_modules/krds-uiux/resources/img $(STATIC_VENDOR)/krds/
	cp node_modules/htmx.org/dist/htmx.min.js $(STATIC_VENDOR)/htmx/
	mkdir -p $(STATIC_VENDOR)/tosspayments
	cp node_modules/@tosspayments/tosspayments-sdk/dist/index.esm.js node_modules/@tosspayments/tosspayments-sdk/LICENSE $(STATIC_VENDOR)/tosspayments/
	touch $@

assets: $(ASSETS)

# Debian's chromium for the browser journey (Playwright drives it; no browser is ever downloaded).
chromium:
	@test -x /usr/bin/chromium || (apt-get update -qq && apt-get install -y -qq chromium) || echo "chromium not installed: browser tests will skip"

# The marketplace on SQLite (var/site.sqlite3): migrate, load demo organisations, users and products, serve.
demo: $(STAMP) fonts $(ASSETS)
	$(BIN)/mfgdata demo --port 8000

# Everything on SQLite; the site's service and HTTP tests again on PostgreSQL when one answers on 127.0.0.1.
PG_URL ?= postgres://root@127.0.0.1:5432/test
test: $(STAMP) fonts $(ASSETS) chromium
	$(BIN)/ruff check src tests bench
	$(BIN)/python -m pytest --durations=15
	@if command -v pg_isready >/dev/null && pg_isready -q -h 127.0.0.1; then \
	  echo "site tests on PostgreSQL ($(PG_URL))"; \
	  DATABASE_URL=$(PG_URL) $(BIN)/python -m pytest -q tests/web -m "not browser"; \
	else echo "PostgreSQL not reachable on 127.0.0.1: site tests ran on SQLite only"; fi

lint: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench

# Peer tools (ydata-profiling) live in their own virtualenv, never in what `make test` installs.
BENCH_VENV := .venv-bench
bench: $(STAMP)
	test -x $(BENCH_VENV)/bin/python || $(PYTHON) -m venv $(BENCH_VENV)
	$(BENCH_VENV)/bin/python -m pip install --quiet -r bench/requirements.txt
	$(BIN)/python bench/profile_bench.py --peer-python $(BENCH_VENV)/bin/python

# The quality benchmark against Soda Core, Great Expectations and pandera, each from their own virtualenv.
BENCH_QUALITY_VENV := .venv-bench-quality
bench-quality: $(STAMP)
	test -x $(BENCH_QUALITY_VENV)/bin/python || $(PYTHON) -m venv $(BENCH_QUALITY_VENV)
	$(BENCH_QUALITY_VENV)/bin/python -m pip install --quiet -r bench/requirements-quality.txt
	$(BIN)/python bench/quality_bench.py --peer-python $(BENCH_QUALITY_VENV)/bin/python

# Re-extract the interface strings (Korean msgids), fill the English from locale/fill_en.py, compile.
WEB := src/mfgdata/web
messages: $(STAMP)
	cd $(WEB) && ../../../$(BIN)/python -m mfgdata.web.manage makemessages -l en --no-location -i "static/*"
	$(BIN)/python $(WEB)/locale/fill_en.py $(WEB)/locale/en/LC_MESSAGES/django.po
	msgfmt --check-format -o $(WEB)/locale/en/LC_MESSAGES/django.mo $(WEB)/locale/en/LC_MESSAGES/django.po

clean:
	rm -rf build .pytest_cache var $(STATIC_VENDOR)
