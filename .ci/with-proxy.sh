#!/usr/bin/env bash
# with-proxy.sh <listen addr> <extra serve args...> -- <command...>
# Starts commerce-proxy (embedded mock), waits until it answers (bounded), runs the
# command, and always stops the proxy.
set -euo pipefail
cd "$(dirname "$0")/.."
listen="$1"; shift
serve_args=()
while [ "$#" -gt 0 ] && [ "$1" != "--" ]; do serve_args+=("$1"); shift; done
shift
bin="${COMMERCE_PROXY_BIN:-target/debug/commerce-proxy}"
log="$(mktemp)"
"$bin" serve --listen "$listen" "${serve_args[@]}" >"$log" 2>&1 &
pid=$!
trap 'kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null || true; rm -f "$log"' EXIT
for _ in $(seq 1 100); do
  if curl -fsS "http://$listen/healthz" >/dev/null 2>&1; then break; fi
  if ! kill -0 "$pid" 2>/dev/null; then cat "$log" >&2; echo "commerce-proxy exited early" >&2; exit 1; fi
  sleep 0.1
done
curl -fsS "http://$listen/healthz" >/dev/null || { cat "$log" >&2; echo "commerce-proxy did not come up on $listen" >&2; exit 1; }
"$@"
