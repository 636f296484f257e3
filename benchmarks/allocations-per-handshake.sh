#!/usr/bin/env bash
# What one WebSocket handshake allocates on the managed heap, ours against Kestrel's bare WebSocket (the raw baseline):
# each server (BENCH_DIAGNOSTICS=alloc, core 0) is warmed with a connections run, then a second run opens CLIENTS more
# and holds them; /allocations is read before it and during its hold. Prints bytes per handshake (exact) and the types
# that allocated most (sampled every ~100 KB by the runtime, so types below a few hundred bytes per handshake are
# noise). Allocation drives the GC work a handshake costs, which a CPU profile shows as runtime frames.
# Usage: benchmarks/allocations-per-handshake.sh   (CLIENTS=5000, TOP=25, PORT=7657; SERVER_ENV="NAME=value …" for both
# servers, e.g. BENCH_HOSTING_LOG=off; RAW=0 skips the bare WebSocket)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
clients=${CLIENTS:-5000}
top=${TOP:-25}
port=${PORT:-7657}
ulimit -n "$(ulimit -Hn)"
source benchmarks/lib.sh
bench_prepare > /dev/null
mkdir -p artifacts/bench
trap stop_server EXIT

measure() { # $1 = label, $2 = extra server environment
  server_env="BENCH_DIAGNOSTICS=alloc $2" start_server ours "-alloc-$1"
  # The second snapshot 4 s after the ramp, during the hold.
  snapshots_around_ramp "$clients" 4 curl -s "http://127.0.0.1:$port/allocations"
  local before=$ramp_before after=$ramp_after
  stop_server
  print_allocations "$1" "$ramp_handshakes" handshake "$top" "$before" "$after"
}

measure ours "${SERVER_ENV:-}"
if [[ ${RAW:-1} != 0 ]]; then
  measure raw "BENCH_RAW=1 ${SERVER_ENV:-}"
fi
