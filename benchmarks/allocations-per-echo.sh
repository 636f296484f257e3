#!/usr/bin/env bash
# What one echo round trip allocates on the managed heap, ours against Kestrel's bare WebSocket (the raw baseline):
# each server (BENCH_DIAGNOSTICS=alloc, core 0) is warmed by CLIENTS echo clients of the GENERATOR for 10 s, then
# /allocations is read before and after a second run of DURATION seconds. Prints bytes per round trip (exact, the
# second run's connections included, a few bytes per round trip) and the types that allocated most (sampled every
# ~100 KB by the runtime).
# Usage: benchmarks/allocations-per-echo.sh   (CLIENTS=200, DURATION=10, GENERATOR=ws, TOP=20, PORT=7665; OURS_EXE
#   another build of BenchServer; RAW=0 skips the bare WebSocket)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
clients=${CLIENTS:-200}
duration=${DURATION:-10}
generator=${GENERATOR:-ws}
top=${TOP:-20}
port=${PORT:-7665}
ulimit -n "$(ulimit -Hn)"
source benchmarks/lib.sh
bench_prepare > /dev/null
mkdir -p artifacts/bench
trap stop_server EXIT

measure() { # $1 = label, $2 = extra server environment
  local options=(--scenario echo --clients "$clients" --server "http://127.0.0.1:$port") before after result
  server_env="BENCH_DIAGNOSTICS=alloc $2" start_server ours "-alloc-echo-$1"
  run_generator "$generator" "${options[@]}" --warmup 10 --duration 2 > /dev/null
  before=$(curl -s "http://127.0.0.1:$port/allocations")
  result=$(run_generator "$generator" "${options[@]}" --warmup 0 --duration "$duration")
  after=$(curl -s "http://127.0.0.1:$port/allocations")
  stop_server
  print_allocations "$1" "$(echo "$result" | sed -n 's/.*"Operations":\([0-9]*\).*/\1/p' | tail -1)" "round trip" "$top" \
    "$before" "$after"
}

measure ours ""
if [[ ${RAW:-1} != 0 ]]; then
  measure raw "BENCH_RAW=1"
fi
