#!/usr/bin/env bash
# Installs what building and testing need, skipping whatever is already there.
#   install-tools.sh build    wasm32 target, wasm-bindgen-cli (the Cargo.lock version), wasm-pack
#   install-tools.sh test     the same plus Debian's chromium, chromium-driver, nginx-light and wrk,
#                             and cargo-fuzz
#   install-tools.sh bench    the same as test, plus twiggy (make bench's size breakdown)
#   install-tools.sh fleet    build's, plus Debian's redis-server (make fleet)
#   (test and bench install redis-server too: the fleet tests run against it)
# Steps that need root say what to install instead of failing obscurely.
set -euo pipefail
cd "$(dirname "$0")/.."
want="${1:-build}"
say() { printf '\033[1m[tools]\033[0m %s\n' "$*"; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"
  elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then sudo "$@"
  else return 1; fi
}

apt_install() { # apt_install <what it is for> <packages...>
  local why="$1"; shift
  say "installing $* ($why)"
  if ! { as_root apt-get update -qq && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null; }; then
    echo "commerce-kit: cannot install $* without root. Install them yourself (Debian/Ubuntu: sudo apt-get install $*) and run make again." >&2
    exit 1
  fi
}

command -v cargo >/dev/null || { echo "commerce-kit: Rust is required: install it from rustup.rs" >&2; exit 1; }
command -v node >/dev/null && command -v npm >/dev/null || { echo "commerce-kit: Node.js 20+ and npm are required" >&2; exit 1; }

if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

# The CLI must match the wasm-bindgen crate exactly (Cargo.toml pins it with `=`).
bindgen_version="$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)"
if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$bindgen_version" ]; then
  say "installing wasm-bindgen-cli $bindgen_version (a few minutes, once)"
  # Not --locked: the CLI's own lock file can name dependency versions the registry
  # mirror does not have; the crate version itself is exact.
  cargo install wasm-bindgen-cli --version "$bindgen_version" --quiet
fi

if ! command -v wasm-pack >/dev/null; then
  say "installing wasm-pack (a few minutes, once)"
  cargo install wasm-pack --locked --quiet || cargo install wasm-pack --quiet
fi

# wasm-opt comes from npm (pkg-template/optimizer, installed by `make pkg`): wasm-pack
# cannot download its own here, and Debian's binaryen (108) breaks wasm-bindgen's output.

if [ "$want" = test ] || [ "$want" = bench ] || [ "$want" = fleet ]; then
  # Shared proxy state: the fleet tests and `make fleet` start their own redis-server.
  command -v redis-server >/dev/null || apt_install "the proxy fleet and its tests" redis-server
fi

if [ "$want" = test ] || [ "$want" = bench ]; then
  { [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; } || apt_install "headless browser tests" chromium chromium-driver
  # The benchmark's peers: nginx in front of the mock, wrk as the load generator.
  { [ -x /usr/sbin/nginx ] && command -v wrk >/dev/null; } || apt_install "the proxy benchmark" nginx-light wrk
  if ! command -v cargo-fuzz >/dev/null; then
    say "installing cargo-fuzz (a few minutes, once)"
    cargo install cargo-fuzz --locked --quiet || cargo install cargo-fuzz --quiet
  fi
fi
if [ "$want" = bench ]; then
  # Where the package's bytes go (make bench prints `twiggy top`); not needed by make test.
  if ! command -v twiggy >/dev/null; then
    say "installing twiggy (a few minutes, once)"
    cargo install twiggy --locked --quiet || cargo install twiggy --quiet
  fi
fi
say "ready: $(wasm-bindgen --version), $(wasm-pack --version)"
