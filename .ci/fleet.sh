#!/usr/bin/env bash
# make fleet: Redis on a loopback port, the standalone mock, and three proxies on
# 127.0.0.1:8081, 8082 and 8083 sharing that Redis, configured as "real" vendors that
# point at the mock, with the demo users. Ctrl-C stops everything.
#   FLEET_REDIS_PORT (default 6390) and FLEET_MOCK_PORT (default 8090) move the two helpers;
#   FLEET_PROFILE=debug runs debug builds (quicker to build, slower to serve).
set -euo pipefail
cd "$(dirname "$0")/.."
redis_port="${FLEET_REDIS_PORT:-6390}"
mock="127.0.0.1:${FLEET_MOCK_PORT:-8090}"
say() { printf '\033[1m[fleet]\033[0m %s\n' "$*"; }

profile="${FLEET_PROFILE:-release}"
case "$profile" in
  release) cargo build --release -q -p commerce-proxy -p commerce-mock ;;
  debug) cargo build -q -p commerce-proxy -p commerce-mock ;;
  *) echo "commerce-kit: FLEET_PROFILE must be release or debug, not $profile" >&2; exit 2 ;;
esac
proxy="target/$profile/commerce-proxy"
mock_bin="target/$profile/commerce-mock"
dir="$(mktemp -d)"
pids=()
cleanup() {
  trap - EXIT INT TERM
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$dir"
  say "stopped"
}
trap cleanup EXIT
trap 'cleanup; exit 0' INT TERM

wait_for() { # wait_for <host:port> <what>
  for _ in $(seq 100); do
    if (exec 3<>"/dev/tcp/${1%:*}/${1#*:}") 2>/dev/null; then return 0; fi
    sleep 0.1
  done
  echo "commerce-kit: $2 did not listen on $1 within 10 s" >&2
  exit 1
}

redis-server --port "$redis_port" --bind 127.0.0.1 --save '' --appendonly no --dir "$dir" >"$dir/redis.log" 2>&1 &
pids+=($!)
"$mock_bin" serve --listen "$mock" >"$dir/mock.log" 2>&1 &
pids+=($!)
wait_for "127.0.0.1:$redis_port" redis-server
wait_for "$mock" commerce-mock

# The mock's credentials (README, "Running several proxies"), a fresh token key, and the
# demo users, hashed: with "real" vendors the proxy creates no demo users by itself.
key="$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')"
demo_hash="$(printf 'demo\n' | "$proxy" hash-password)"
viewer_hash="$(printf 'viewer\n' | "$proxy" hash-password)"
umask 077
cat >"$dir/proxy.toml" <<TOML
static_dir = "www/dist"
redis_url = "redis://127.0.0.1:$redis_port/"
redis_token_key = "$key"

[[users]]
username = "demo"
password_hash = "$demo_hash"
role = "operator"

[[users]]
username = "viewer"
password_hash = "$viewer_hash"
role = "viewer"

[s2]
base_url = "http://$mock/s2"
token = "mock-s2-token"
organization = "95d73baf-76ba-4bea-86ac-1534c5e5d4aa"

[s2_partner]
base_url = "http://$mock/s2_partner"
access_key = "mock-s2-partner-key"

[stock2shop]
base_url = "http://$mock/stock2shop"
queue_base_url = "http://$mock/stock2shop"
username = "mock-s2s-user"
password = "mock-s2s-password"

[sellers_commerce]
base_url = "http://$mock/sellers_commerce"
username = "mock-sc-access-key"
password = "mock-sc-shared-secret"
TOML

for port in 8081 8082 8083; do
  "$proxy" serve --config "$dir/proxy.toml" --listen "127.0.0.1:$port" >"$dir/proxy-$port.log" 2>&1 &
  pids+=($!)
done
for port in 8081 8082 8083; do wait_for "127.0.0.1:$port" "commerce-proxy $port"; done

echo
say "three proxies sharing Redis 127.0.0.1:$redis_port, one mock:"
say "  http://127.0.0.1:8081  http://127.0.0.1:8082  http://127.0.0.1:8083  (demo/demo operator, viewer/viewer viewer)"
say "  mock stats: http://$mock/__mock/stats   logs: $dir"
say "Ctrl-C stops everything"
wait -n "${pids[@]}" || true
say "a process of the fleet exited; its log is in $dir (shown below)"
tail -n 20 "$dir"/*.log || true
