# Named tasks of Empreinte. `make test` and `.ci/run` run the test suites through
# scripts/test-all, which runs each suite below (one target each), all of them even when one
# fails, and prints a summary; `./scripts/test-all` first installs what is missing.
#
# One target directory, and `--workspace` for every check, so that the shared dependencies
# are built once with one set of features.
#
# A suite checks its tools first (need-SUITE: scripts/test-all --check SUITE) and fails
# naming what is missing and how to get it; nothing is skipped silently.

CARGO ?= cargo
PYTHON ?= python3

WASM_TARGET := wasm32-unknown-unknown

# Python: one virtual environment (gitignored) for the package's build and tests. When it
# exists, PYO3_PYTHON names it for every cargo call, so that pyo3's build script does not
# rerun (and rebuild everything above it) when the interpreter seems to change.
VENV ?= .venv
VENV_PY := $(VENV)/bin/python
PY_DEPS := maturin pytest numpy pyarrow pandas mypy hypothesis polars duckdb pyspark
PYO3_PYTHON ?= $(shell test -x $(VENV_PY) && echo $(CURDIR)/$(VENV_PY))
ifneq ($(PYO3_PYTHON),)
export PYO3_PYTHON
endif
# The browser of the Chromium tests: Debian's (never a downloaded one).
CHROMIUM ?= $(shell command -v chromium || command -v chromium-browser)
export CHROMIUM

.PHONY: help fmt lint test rust-tests doc-tests wasm-check wasm-deps wasm-build wasm-test \
	wasm-browser report-browser py-venv py-test py-spark bench py-bench fuzz-smoke estimate data

help:
	@echo "make fmt         format the Rust code"
	@echo "make lint        rustfmt check, clippy and rustdoc (warnings are errors), generated tables up to date"
	@echo "make test        every test suite, then a summary (scripts/test-all --no-install; ./scripts/test-all also installs the tools)"
	@echo "make rust-tests  the workspace's tests (unit, integration, examples; benches run once)"
	@echo "make doc-tests   the examples of the API documentation"
	@echo "make wasm-check  build the core for $(WASM_TARGET) (it must stay pure)"
	@echo "make wasm-build  build the npm package empreinte into bindings/wasm/pkg"
	@echo "make wasm-test   wasm-build, then the JS tests under Node: golden vectors, types, size budget, npm pack"
	@echo "make wasm-browser  wasm-build, then the widget's end-to-end tests in headless Chromium"
	@echo "make report-browser  the example reports' HTML in headless Chromium (screenshots, PDF, DOM figures)"
	@echo "make py-test     pip install ./bindings/python into $(VENV), then pytest (all but Spark), mypy and stubtest"
	@echo "make py-spark    the Spark tests of empreinte.hpc (PySpark local mode, needs Java)"
	@echo "make bench       criterion benchmarks (quick mode)"
	@echo "make py-bench    estimate_frame against a pure-Python loop, and on a mixed shuffled table against Polars, DuckDB and pandas"
	@echo "make fuzz-smoke  each libFuzzer target for FUZZ_SECONDS (20) from its seeds (needs nightly and cargo-fuzz)"
	@echo "make estimate    the README's quick-start estimate"
	@echo "make data        regenerate the compiled tables (Green Algorithms, empreinte-hw, grid intensity, beyond) from data/"

fmt:
	$(CARGO) fmt --all

# A short run of every fuzz target from its committed seeds (fuzz/seeds/); the stable test
# suite replays the seeds themselves (crates/empreinte/tests/fuzz_corpus.rs).
FUZZ_SECONDS ?= 20
FUZZ_TARGETS = sacct cluster job report manifest
fuzz-smoke:
	@rustup run nightly rustc --version >/dev/null 2>&1 || { echo "fuzz-smoke: FAILED: needs a nightly toolchain (rustup toolchain install nightly)"; exit 2; }
	@command -v cargo-fuzz >/dev/null 2>&1 || { echo "fuzz-smoke: FAILED: needs cargo-fuzz (cargo install cargo-fuzz)"; exit 2; }
	cd fuzz && for t in $(FUZZ_TARGETS); do mkdir -p corpus/$$t && \
		cargo +nightly fuzz run $$t corpus/$$t seeds/$$t -- -max_total_time=$(FUZZ_SECONDS) || exit 1; done

# Checks that a suite's tools are there (not .PHONY, so that the pattern applies).
need-%:
	@./scripts/test-all --check $*

lint: need-lint
	$(CARGO) fmt --all -- --check
	$(CARGO) clippy --workspace --all-targets -- -D warnings
	RUSTDOCFLAGS="-D warnings" $(CARGO) doc --workspace --no-deps
	$(PYTHON) scripts/gen_tables.py --check
	$(PYTHON) scripts/gen_hw.py --check
	$(PYTHON) scripts/gen_intensity.py --check
	$(PYTHON) scripts/gen_beyond.py --check
	$(PYTHON) scripts/check_docs.py

test:
	@./scripts/test-all --no-install

rust-tests: need-rust-tests
	$(CARGO) test --workspace --all-targets

doc-tests: need-doc-tests
	$(CARGO) test --workspace --doc

bench:
	$(CARGO) bench -p empreinte-benches --bench '*' -- --quick

wasm-check: need-wasm-check
	$(CARGO) build -p empreinte --target $(WASM_TARGET) --release

# bindings/wasm/node_modules (wasm-opt from npm's binaryen, playwright-core, typescript), as
# package-lock.json pins them; `npm ci` again only when package-lock.json changes.
wasm-deps:
	@cmp -s bindings/wasm/package-lock.json bindings/wasm/node_modules/.empreinte-package-lock.json || \
		{ cd bindings/wasm && npm ci --no-audit --no-fund && cp package-lock.json node_modules/.empreinte-package-lock.json; }

# The npm package (tools: see scripts/wasm-build.sh).
wasm-build: wasm-deps
	./scripts/wasm-build.sh

wasm-test: need-wasm-test wasm-build
	cd bindings/wasm && node --test tests/golden.test.mjs tests/types.test.mjs tests/budget.test.mjs tests/pack.test.mjs

# Debian's chromium driven by playwright-core (CHROMIUM above).
wasm-browser: need-wasm-browser wasm-build
	cd bindings/wasm && node --test tests/browser.test.mjs

report-browser: need-report-browser
	tests/browser/report_html.sh

# The venv with the test tools; (re)installs them when PY_DEPS changes.
py-venv:
	@test -x $(VENV_PY) || $(PYTHON) -m venv $(VENV)
	@test "$$(cat $(VENV)/.deps 2>/dev/null)" = "$(PY_DEPS)" || \
		{ $(VENV_PY) -m pip install -q $(PY_DEPS) && echo "$(PY_DEPS)" > $(VENV)/.deps; }

# The package as a user installs it (compiles the crate, ~3 min cold), then its tests on the
# installed package; `empreinte run` is tested with the CLI built by cargo. EMPREINTE_NO_SKIP:
# a test that skips itself fails (tests/conftest.py).
PYTEST = EMPREINTE_BIN=$(CURDIR)/target/debug/empreinte EMPREINTE_NO_SKIP=1 \
	$(CURDIR)/$(VENV_PY) -m pytest -q -rs -p no:cacheprovider

py-test: need-py-test py-venv
	$(VENV_PY) -m pip install -q ./bindings/python
	$(CARGO) build --workspace --bin empreinte
	cd bindings/python && $(PYTEST) -m "not spark" tests
	cd bindings/python && $(CURDIR)/$(VENV_PY) -m mypy
	$(VENV_PY) -m mypy.stubtest empreinte._core

py-spark: need-py-spark py-venv
	$(VENV_PY) -m pip install -q ./bindings/python
	$(CARGO) build --workspace --bin empreinte
	cd bindings/python && EMPREINTE_SPARK=1 $(PYTEST) -m spark tests

py-bench: py-venv
	$(VENV_PY) -m pip install -q ./bindings/python
	$(VENV_PY) bindings/python/bench/bench_frame.py
	$(VENV_PY) bindings/python/bench/bench_mixed.py

estimate:
	$(CARGO) run --release -p empreinte-cli -- estimate --runtime 12h \
		--cpu "Xeon E5-2683 v4" --cores 12 --memory 64 --location FR

data:
	$(PYTHON) scripts/gen_tables.py
	$(PYTHON) scripts/gen_hw.py
	$(PYTHON) scripts/gen_intensity.py
	$(PYTHON) scripts/gen_beyond.py
