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
# MOCK_FAULTS='{"corrupt_record": "<operation id>"}': the embedded mock's fault switches
# for the whole run (its controls on, its address read from the proxy's log).
if [ -n "${MOCK_FAULTS:-}" ]; then export COMMERCE_PROXY_MOCK_CONTROLS=1 RUST_LOG="${RUST_LOG:-warn}"; fi
"$bin" serve --listen "$listen" "${serve_args[@]}" >"$log" 2>&1 &
pid=$!
trap 'kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null || true; rm -f "$log"' EXIT
for _ in $(seq 1 100); do
  if curl -fsS "http://$listen/healthz" >/dev/null 2>&1; then break; fi
  if ! kill -0 "$pid" 2>/dev/null; then cat "$log" >&2; echo "commerce-proxy exited early" >&2; exit 1; fi
  sleep 0.1
done
curl -fsS "http://$listen/healthz" >/dev/null || { cat "$log" >&2; echo "commerce-proxy did not come up on $listen" >&2; exit 1; }
if [ -n "${MOCK_FAULTS:-}" ]; then
  # (the log is coloured: drop the escape codes first)
  mock="$(sed -e 's/\x1b\[[0-9;]*m//g' "$log" | grep -o 'addr=127\.0\.0\.1:[0-9]*' | head -1 | cut -d= -f2 || true)"
  [ -n "$mock" ] || { cat "$log" >&2; echo "the embedded mock's address is not in the proxy's log" >&2; exit 1; }
  curl -fsS -X POST -H 'content-type: application/json' --data "$MOCK_FAULTS" "http://$mock/__mock/faults" >/dev/null
fi
"$@"
