# Named tasks of Empreinte. `.ci/run` calls the same names (`make test`).
#
# One target directory, and `--workspace` for every check of `make test`, so that the
# shared dependencies are built once with one set of features.

CARGO ?= cargo
PYTHON ?= python3

WASM_TARGET := wasm32-unknown-unknown

# Python: one virtual environment (gitignored) for the package's build and tests. When it
# exists, PYO3_PYTHON names it for every cargo call, so that pyo3's build script does not
# rerun (and rebuild everything above it) when the interpreter seems to change.
VENV ?= .venv
VENV_PY := $(VENV)/bin/python
PY_DEPS := maturin pytest numpy pyarrow pandas mypy hypothesis polars duckdb pyspark
# Spark's mapInArrow test runs where Java is (.ci/run installs it and sets EMPREINTE_SPARK=1).
EMPREINTE_SPARK ?= $(shell command -v java >/dev/null 2>&1 && echo 1)
PYO3_PYTHON ?= $(shell test -x $(VENV_PY) && echo $(CURDIR)/$(VENV_PY))
ifneq ($(PYO3_PYTHON),)
export PYO3_PYTHON
endif

.PHONY: help fmt lint test bench wasm-check wasm-build wasm-test report-browser py-venv py-test py-bench estimate data

help:
	@echo "make fmt         format the Rust code"
	@echo "make lint        rustfmt check, clippy (warnings are errors), generated tables up to date"
	@echo "make test        lint, all tests (benches run once), wasm build of the core, doc tests, wasm-test"
	@echo "make bench       criterion benchmarks (quick mode)"
	@echo "make wasm-check  build the core for $(WASM_TARGET) (it must stay pure)"
	@echo "make wasm-build  build the npm package empreinte into bindings/wasm/pkg"
	@echo "make wasm-test   wasm-build, then the JS tests: golden vectors, size budget, npm pack, Chromium e2e"
	@echo "make report-browser  the example reports' HTML in headless Chromium (screenshots, PDF, DOM figures)"
	@echo "make py-test     pip install ./bindings/python into $(VENV), then pytest, mypy and stubtest"
	@echo "make py-bench    estimate_frame rows per second against a pure-Python loop"
	@echo "make estimate    the README's quick-start estimate"
	@echo "make data        regenerate the compiled tables (Green Algorithms, empreinte-hw, grid intensity, beyond) from data/"

fmt:
	$(CARGO) fmt --all

lint:
	$(CARGO) fmt --all -- --check
	$(CARGO) clippy --workspace --all-targets -- -D warnings
	$(PYTHON) scripts/gen_tables.py --check
	$(PYTHON) scripts/gen_hw.py --check
	$(PYTHON) scripts/gen_intensity.py --check
	$(PYTHON) scripts/gen_beyond.py --check

test: lint
	$(CARGO) test --workspace --all-targets
	$(MAKE) --no-print-directory wasm-check
	$(CARGO) test --workspace --doc
	$(MAKE) --no-print-directory wasm-test
	$(MAKE) --no-print-directory report-browser
	$(MAKE) --no-print-directory py-test

bench:
	$(CARGO) bench -p empreinte-benches --bench '*' -- --quick

# Adds the target when rustup is there (a no-op once installed; .ci/run also does it).
wasm-check:
	@if command -v rustup >/dev/null 2>&1; then rustup target add $(WASM_TARGET); fi
	$(CARGO) build -p empreinte --target $(WASM_TARGET) --release

# The npm package (tools: see scripts/wasm-build.sh; .ci/run installs them).
wasm-build:
	./scripts/wasm-build.sh

wasm-test: wasm-build
	cd bindings/wasm && node --test tests/golden.test.mjs tests/types.test.mjs tests/budget.test.mjs tests/pack.test.mjs tests/browser.test.mjs

# The report's HTML in headless Chromium (.ci/run installs Debian's chromium for wasm-test).
report-browser:
	tests/browser/report_html.sh

# The venv with the test tools (.ci/run makes it first, as its own timed step).
# (Re)installs the tools when PY_DEPS changes.
py-venv:
	@test -x $(VENV_PY) || $(PYTHON) -m venv $(VENV)
	@test "$$(cat $(VENV)/.deps 2>/dev/null)" = "$(PY_DEPS)" || \
		{ $(VENV_PY) -m pip install -q $(PY_DEPS) && echo "$(PY_DEPS)" > $(VENV)/.deps; }

# The package as a user installs it (compiles the crate, ~3 min cold), then its tests on the
# installed package; `empreinte run` is tested with the CLI built by cargo.
py-test: py-venv
	$(VENV_PY) -m pip install -q ./bindings/python
	$(CARGO) build --workspace --bin empreinte
	cd bindings/python && EMPREINTE_BIN=$(CURDIR)/target/debug/empreinte EMPREINTE_SPARK=$(EMPREINTE_SPARK) \
		$(CURDIR)/$(VENV_PY) -m pytest -q -p no:cacheprovider tests
	cd bindings/python && $(CURDIR)/$(VENV_PY) -m mypy
	$(VENV_PY) -m mypy.stubtest empreinte._core

py-bench: py-venv
	$(VENV_PY) -m pip install -q ./bindings/python
	$(VENV_PY) bindings/python/bench/bench_frame.py

estimate:
	$(CARGO) run --release -p empreinte-cli -- estimate --runtime 12h \
		--cpu "Xeon E5-2683 v4" --cores 12 --memory 64 --location FR

data:
	$(PYTHON) scripts/gen_tables.py
	$(PYTHON) scripts/gen_hw.py
	$(PYTHON) scripts/gen_intensity.py
	$(PYTHON) scripts/gen_beyond.py
