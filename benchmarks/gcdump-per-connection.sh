#!/usr/bin/env bash
# What one held WebSocket connection costs in managed objects, type by type: a heap dump (dotnet-gcdump) of BenchServer
# before and while N clients are held, the difference per type divided by N. With MODE=raw the server is the bare
# Kestrel WebSocket (BENCH_DIAGNOSTICS=raw): Kestrel's share; MODE=1 (default) the Socket.IO server. The server is
# stopped by the PID this script started.
# Needs: dotnet-gcdump 10.0.750501 (`dotnet tool install -g dotnet-gcdump --version 10.0.750501`) and the Release builds
# of testassets/BenchServer and benchmarks/LoadGenerator (benchmarks/run.sh or ab.sh builds them). With TOOL=dotnet-dump
# (`dotnet tool install -g dotnet-dump --version 10.0.750501`) the heap is read from a full heap dump instead, object by
# object: exact (gcdump's event stream loses objects on .NET 10, so its byte totals move by ±500 per connection), but
# slower, and each dump takes a few hundred MB of disk until it is read (then deleted).
# Usage: N=2000 MODE=1 benchmarks/gcdump-per-connection.sh        DLL=/tmp/base/BenchServer.dll (another build)
# Environment: N (2000), MODE (1 | raw), TOOL (dotnet-gcdump | dotnet-dump), DLL, PORT (7431), TOP (rows, 30),
#   OUT (artifacts/bench/gcdump-<time>), COMPARE
#   (another run's OUT with the same N, e.g. a MODE=raw one: the table then shows both and the difference per type),
#   SERVER_ENV ("NAME=value …" for the server, e.g. BENCH_HOSTING_LOG=off).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
n=${N:-2000}
mode=${MODE:-1}
dll=${DLL:-testassets/BenchServer/bin/Release/net10.0/BenchServer.dll}
port=${PORT:-7431}
top=${TOP:-30}
dir=${OUT:-artifacts/bench/gcdump-$(date -u +%Y%m%dT%H%M%SZ)}
tool=${TOOL:-dotnet-gcdump}
tool_path=$(command -v "$tool" || echo "$HOME/.dotnet/tools/$tool")
mkdir -p "$dir"
ulimit -n "$(ulimit -Hn)"

(export BENCH_DIAGNOSTICS=$mode HOST=127.0.0.1 PORT=$port ${SERVER_ENV:-}; exec dotnet "$dll") > "$dir/server.log" 2>&1 &
server=$!
loadgen=
cleanup() {
  for pid in $loadgen $server; do
    if kill -0 "$pid" 2>/dev/null; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
  done
}
trap cleanup EXIT

# Writes the server's live objects per type to $1.txt: a gcdump report, or a heap dump's `dumpheap -stat -live`.
snapshot() {
  if [[ $tool == dotnet-dump ]]; then
    "$tool_path" collect -p "$server" --type Heap -o "$1.dmp" > /dev/null
    printf 'dumpheap -stat -live\nexit\n' | "$tool_path" analyze "$1.dmp" > "$1.txt"
    rm -f "$1.dmp"
  else
    "$tool_path" collect -p "$server" -o "$1.gcdump" > /dev/null
    "$tool_path" report "$1.gcdump" > "$1.txt"
  fi
}

# Ready when /gc answers: at most 300 tries, 0.1 s apart.
for _ in $(seq 300); do before=$(curl -sf "http://127.0.0.1:$port/gc") && break; sleep 0.1; done
snapshot "$dir/before"

# The clients are held 30 s after they are all open: time enough for /gc and the dump, which waits for a full GC.
dotnet benchmarks/LoadGenerator/bin/Release/net10.0/LoadGenerator.dll --scenario connections --clients "$n" --label gcdump \
  --server "http://127.0.0.1:$port" --warmup 0 --hold 30 --rate 1000 > "$dir/loadgen.log" 2>&1 &
loadgen=$!
for _ in $(seq 600); do # at most 60 s for the ramp
  open=$(ss -Htn state established "( sport = :$port )" | wc -l)
  [[ $open -ge $n ]] && break
  sleep 0.1
done
sleep 2
during=$(curl -sf "http://127.0.0.1:$port/gc")
snapshot "$dir/during"

echo "== MODE=$mode, $tool, $n connections ($open open at the dump); live heap by /gc: $before -> $during bytes, $(( (during - before) / n )) per connection"
python3 benchmarks/gcdump-per-connection.py "$dir" "$n" "$top" ${COMPARE:+"$COMPARE"} | tee "$dir/summary.md"
