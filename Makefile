# commerce-kit. Quick start: `make demo`, `make test` (README).
SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := help

PROXY_DEBUG := target/debug/commerce-proxy
PROXY_RELEASE := target/release/commerce-proxy
# Browser tests: the proxy, and the wasm-bindgen test runner's page (an allowed origin).
TEST_PROXY := 127.0.0.1:18181
TEST_RUNNER := 127.0.0.1:18182
CHROMEDRIVER ?= /usr/bin/chromedriver

.PHONY: help tools test-tools optimizer pkg www-build npm-deps demo fleet test test-rust test-browser test-ts test-e2e test-packaging packaging-deps proxy-debug clean fuzz fuzz-smoke golden test-golden

help:
	@echo "make demo   build everything and serve the dashboard + proxy + embedded mock on http://127.0.0.1:8080"
	@echo "make fleet  Redis, the standalone mock and three proxies sharing state on 127.0.0.1:8081-8083"
	@echo "make test   every test layer: Rust, browser (wasm-pack), TypeScript, end to end, packaging"
	@echo "make pkg    build the npm package into pkg/"
	@echo "make fuzz   every fuzz target for 60 s (make bench: the performance ratios)"
	@echo "make golden regenerate the checked-in generated files (docs/endpoints.md, the .d.ts golden copy)"

tools:
	@.ci/install-tools.sh build

test-tools:
	@.ci/install-tools.sh test

# The npm package: wasm-pack's output, its names and producers stripped by binaryen's
# wasm-opt from npm (Debian's 108 breaks the externref table of wasm-bindgen 0.2.130),
# plus pkg-template/. No -Os/-Oz pass: measured on this module (bench/README.md, "Build
# profile and size"), binaryen's optimisation makes it larger after gzip (measured again
# once serde's argument decoders were gone: 196 KB stripped only, 209 KB with -Os, 208 KB
# with -Oz) and no faster to decode.
WASM_FEATURES := --enable-reference-types --enable-bulk-memory --enable-nontrapping-float-to-int \
	--enable-sign-ext --enable-mutable-globals --enable-multivalue
# VENDORS="s2 s2-partner" builds a package with only those vendors (smaller); default all.
VENDORS ?=
CARGO_FEATURES := $(if $(strip $(VENDORS)),-- --no-default-features --features "$(VENDORS)",)
# Where the package goes: pkg/ unless told (the bench builds a single-vendor one apart).
PKG_DIR ?= pkg
pkg: tools optimizer
	@# wasm-pack leaves the snippets of an earlier build in place: a JS file the module no
	@# longer imports would be shipped (and counted by the bench's size).
	rm -rf $(PKG_DIR)/snippets
	wasm-pack build --target web --release --out-dir $(PKG_DIR) --out-name commerce_kit $(CARGO_FEATURES)
	pkg-template/optimizer/node_modules/.bin/wasm-opt --strip-debug --strip-producers $(WASM_FEATURES) \
	  $(PKG_DIR)/commerce_kit_bg.wasm -o $(PKG_DIR)/commerce_kit_bg.wasm
	COMMERCE_KIT_PKG_DIR="$(PKG_DIR)" COMMERCE_KIT_VENDORS="$(VENDORS)" node pkg-template/assemble.mjs

# The single-vendor package the bench measures (issue 11: <= 60 KiB gzip), built apart
# from pkg/ and before it, so that the linked module twiggy reads is the full one.
BENCH_SINGLE_VENDOR := s2
pkg-single:
	$(MAKE) pkg VENDORS="$(BENCH_SINGLE_VENDOR)" PKG_DIR=target/pkg-single

# The same package with the module's function names kept (not optimised), for the
# sampling profile of a decode: BENCH_PKG_DIR=target/pkg-named node bench/decode/profile-decode.mjs
pkg-named: pkg
	rm -rf target/pkg-named && cp -r pkg target/pkg-named
	wasm-bindgen --target web --out-dir target/pkg-named --out-name commerce_kit \
	  target/wasm32-unknown-unknown/release/commerce_kit.wasm

optimizer:
	@[ -x pkg-template/optimizer/node_modules/.bin/wasm-opt ] || npm --prefix pkg-template/optimizer ci --no-audit --no-fund --loglevel=error

npm-deps:
	@for dir in www tests; do \
	  if [ ! -d $$dir/node_modules ] || [ $$dir/package-lock.json -nt $$dir/node_modules/.package-lock.json ]; then \
	    echo "[npm] installing $$dir"; npm --prefix $$dir ci --no-audit --no-fund --loglevel=error; \
	  else npm --prefix $$dir install --no-audit --no-fund --loglevel=error --prefer-offline >/dev/null; fi; \
	done

www-build: pkg npm-deps
	npm --prefix www run build
	node proxy/precompress.mjs www/dist

demo: www-build
	cargo build --release -p commerce-proxy
	@echo
	@echo "  commerce-kit demo: open http://127.0.0.1:8080  (embedded mock, no keys needed; Ctrl-C stops)"
	@echo
	COMMERCE_PROXY_STATIC_DIR=www/dist exec $(PROXY_RELEASE) serve --listen 127.0.0.1:8080

# Several proxies sharing sessions, tokens and pace on Redis (README, "Running several
# proxies"); installs Debian's redis-server if missing. Ctrl-C stops everything.
fleet: www-build
	@.ci/install-tools.sh fleet
	@.ci/fleet.sh

proxy-debug:
	cargo build -p commerce-proxy

test: test-tools test-rust fuzz-smoke soak-smoke test-browser test-ts test-golden test-e2e test-packaging bench-smoke
	@echo "make test: every layer passed"

# The fleet tests (proxy/tests/fleet.rs) need redis-server (test-tools installs it) and
# fail rather than skip here.
test-rust:
	COMMERCE_REQUIRE_REDIS=1 cargo test --workspace
	@# The workspace lints (Cargo.toml) and clippy, natively and for the package's target.
	cargo clippy --workspace --all-targets -- -D warnings
	cargo clippy -p commerce-kit --target wasm32-unknown-unknown --all-targets -- -D warnings
	@# Each vendor feature alone must build, for wasm32 and natively with its tests.
	@for vendor in s2 s2-partner stock2shop sellers-commerce; do \
	  echo "[features] $$vendor"; \
	  cargo check -q -p commerce-kit --target wasm32-unknown-unknown --no-default-features --features $$vendor || exit 1; \
	  cargo test -q -p commerce-kit --no-default-features --features $$vendor || exit 1; \
	done

# The soak (proxy/examples/soak.rs, README "Soak"): the proxy binary in front of the
# standalone mock, which carries out and then drops the answer of 5 % of all requests;
# mixed reads and S2 creates on loopback; fails on an unexpected error, a panic, a write
# not accounted for, or (10 minutes) proxy RSS growth of 10 % or more. `soak`: release
# builds, 10 minutes at 200 requests/s; `soak-smoke`: the debug builds make test has
# anyway, 30 s at 100/s.
.PHONY: soak soak-smoke
soak:
	cargo build --release -q -p commerce-proxy -p commerce-mock --bins --example soak
	target/release/examples/soak --proxy target/release/commerce-proxy --mock target/release/commerce-mock --seconds 600 --rate 200 --bucket-seconds 60

soak-smoke:
	cargo build -q -p commerce-proxy -p commerce-mock --bins --example soak
	target/debug/examples/soak --proxy target/debug/commerce-proxy --mock target/debug/commerce-mock --seconds 30 --rate 100 --bucket-seconds 10

# cargo-fuzz (libFuzzer) over the validator, the OData and Elasticsearch checks, the
# proxy's allowlist and query rebuilding, and the session cookie parser (fuzz/run.sh):
# no panic, hang or allocation past 512 MB. `fuzz` 60 s per target, `fuzz-smoke` 10 s.
FUZZ_SECONDS ?= 60
fuzz: test-tools
	fuzz/run.sh $(FUZZ_SECONDS)

fuzz-smoke: test-tools
	fuzz/run.sh 10

# wasm-pack test: the package in headless Chromium, calling a real proxy + mock.
test-browser: test-tools proxy-debug
	@# One operation answers with one corrupted record: the partial-list tests (issue 9).
	MOCK_FAULTS='{"corrupt_record": "s2_partner.list_products"}' \
	  .ci/with-proxy.sh $(TEST_PROXY) --allow-origin http://$(TEST_RUNNER) -- \
	  env CHROMEDRIVER=$(CHROMEDRIVER) WASM_BINDGEN_TEST_ADDRESS=$(TEST_RUNNER) WASM_BINDGEN_TEST_TIMEOUT=60 \
	      COMMERCE_TEST_PROXY=http://$(TEST_PROXY) wasm-pack test --headless --chrome

# A strict TypeScript consumer of pkg/ (with @ts-expect-error lines for wrong shapes).
test-ts: pkg npm-deps
	npm --prefix tests run typecheck

# The generated files that are checked in: docs/endpoints.md (from the catalogue; its
# freshness test runs in test-rust) and a copy of the package's declarations, so that a change to the public
# TypeScript surface shows in review. `golden` rewrites them all; `test-golden` fails
# when the built declarations differ from the copy. Both need the full package
# (every vendor).
GOLDEN_DTS := tests/golden/commerce_kit.d.ts
GOLDEN_HEADER := // Generated: a copy of pkg/commerce_kit.d.ts made by `make golden`, diff-checked by `make test-golden`. Do not edit.
# The catalogue's file first, then the package whose declarations are copied.
golden:
	@[ -z "$(strip $(VENDORS))" ] || { echo "make golden: the golden copy is of the full package; run it without VENDORS"; exit 1; }
	COMMERCE_KIT_BLESS=1 cargo test -q -p commerce-kit --lib generated_files -- --skip every_method_and_response_type
	$(MAKE) pkg
	{ echo '$(GOLDEN_HEADER)'; cat pkg/commerce_kit.d.ts; } > $(GOLDEN_DTS)

test-golden: pkg
	@[ -z "$(strip $(VENDORS))" ] || { echo "make test-golden: the golden copy is of the full package; run it without VENDORS"; exit 1; }
	@diff -u $(GOLDEN_DTS) <({ echo '$(GOLDEN_HEADER)'; cat pkg/commerce_kit.d.ts; }) \
	  || { echo "pkg/commerce_kit.d.ts differs from $(GOLDEN_DTS): if the change is meant, run make golden and commit it"; exit 1; }

# The packed tarball installed into tiny projects, as users install it
# (tests/packaging/run.mjs): Node against a real proxy, a Vite build and dev server, a
# plain page and a module Worker in Chromium, strict TypeScript 5.4/5.9/6/7 consumers
# (browser and Node-only), the npm README's code blocks, `npm publish --dry-run`'s files.
test-packaging: pkg proxy-debug packaging-deps
	COMMERCE_PROXY_BIN=$(CURDIR)/$(PROXY_DEBUG) node tests/packaging/run.mjs

packaging-deps:
	@if [ ! -d tests/packaging/node_modules ] || [ tests/packaging/package-lock.json -nt tests/packaging/node_modules/.package-lock.json ]; then \
	  echo "[npm] installing tests/packaging"; npm --prefix tests/packaging ci --no-audit --no-fund --loglevel=error --prefer-offline; fi

# Playwright (playwright-core + Debian's Chromium) drives the built dashboard.
test-e2e: www-build proxy-debug
	COMMERCE_PROXY_BIN=$(CURDIR)/$(PROXY_DEBUG) npm --prefix tests run e2e

clean:
	cargo clean
	rm -rf pkg www/dist www/node_modules tests/node_modules tests/packaging/node_modules

# Performance (bench/README.md): every figure a ratio measured side by side in one run.
# `bench`: decode in headless Chromium at 1/10/50 MB against JSON.parse, zod, ajv and
# valibot, end to end at 50 MB/s, hostile shapes (80,000 unknown keys, a 4 MiB string in
# 1 KiB chunks), package size, wrk 20 s against mock/proxy/nginx (scrubbing on and off), leaks,
# the dashboard's cold and warm load (hence www-build); writes bench/results.json.
# `bench-smoke`: the same, small and short (about 30 s once built); fails only when
# something does not run or a validator answers wrong.
.PHONY: bench bench-smoke bench-deps bench-tools pkg-named pkg-single
bench-deps:
	@if [ ! -d bench/node_modules ] || [ bench/package-lock.json -nt bench/node_modules/.package-lock.json ]; then \
	  echo "[npm] installing bench"; npm --prefix bench ci --no-audit --no-fund --loglevel=error --prefer-offline; fi

# twiggy (where the module's bytes go) only for the full run: bench-smoke is in make test.
bench-tools:
	@.ci/install-tools.sh bench

bench: pkg-single pkg www-build bench-deps bench-tools
	node bench/run.mjs

bench-smoke: pkg www-build bench-deps
	node bench/run.mjs --smoke
