#!/usr/bin/env bash
# The soak run (not part of CI): BenchServer with its diagnostics, loaded by benchmarks/soak/soak.mjs for a warm-up
# and then DURATION seconds (10 minutes by default) of connection churn, broadcasts, acknowledgements both ways and
# clients that stop reading. Passes when, once every client is gone, the server holds no socket, room or awaited
# acknowledgement, and its live heap (after a full GC) is within 10% of where it was at the same quiet point after
# the warm-up. Prints the result as one JSON line (also in artifacts/bench/soak.json); exit code 0 = pass. With
# dotnet-gcdump installed (`dotnet tool install -g dotnet-gcdump`), it then counts the per-connection objects still
# alive in a heap dump (engine sessions, clients, sockets), which must be none.
# Usage: benchmarks/soak.sh            WARMUP=30 DURATION=120 benchmarks/soak.sh   (PORT, default 7461)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
port=${PORT:-7461}
source benchmarks/lib.sh
mkdir -p artifacts/bench
bench_prepare
trap stop_server EXIT

server_env="BENCH_DIAGNOSTICS=soak" start_server ours -soak
echo "== soak: warm-up ${WARMUP:-120} s, then ${DURATION:-600} s (server pid $server_pid)"
status=0
node benchmarks/soak/soak.mjs "http://127.0.0.1:$port" | tee artifacts/bench/soak.json || status=$?

PATH=$PATH:$HOME/.dotnet/tools
if command -v dotnet-gcdump >/dev/null; then
  dotnet-gcdump collect -p "$server_pid" -o artifacts/bench/soak.gcdump >/dev/null
  dotnet-gcdump report artifacts/bench/soak.gcdump > artifacts/bench/soak-heap.txt
  # A report line is "bytes count type [assembly]"; the types are matched whole.
  alive=$(awk '$3 ~ /^SocketIo\.(Engine\.EngineSession|Server\.Client|Server\.Socket)$/ { n += $2 } END { print n + 0 }' artifacts/bench/soak-heap.txt)
  echo "per-connection objects alive after the run: $alive (artifacts/bench/soak-heap.txt)"
  ((alive == 0)) || status=1
fi
exit "$status"
