#!/usr/bin/env bash
# Live managed bytes per held connection, our server only: BenchServer's /gc (a full GC, then the live heap) before
# and while N clients are held. Unlike RSS it does not move with other load on the machine, so small memory changes
# show. Needs the Release builds of testassets/BenchServer and benchmarks/LoadGenerator. Usage: N=2000 benchmarks/live-bytes-per-connection.sh
set -u
root=$(cd "$(dirname "$0")/.." && pwd)
N=${N:-2000}
PORT=7421
BENCH_DIAGNOSTICS=1 PORT=$PORT dotnet $root/testassets/BenchServer/bin/Release/net10.0/BenchServer.dll > "${TMPDIR:-/tmp}/live-bytes-server.log" 2>&1 &
SP=$!
# Ready when /gc answers: at most 100 tries, 0.1 s apart.
for _ in $(seq 100); do before=$(curl -sf http://127.0.0.1:$PORT/gc) && break; sleep 0.1; done
dotnet $root/benchmarks/LoadGenerator/bin/Release/net10.0/LoadGenerator.dll --scenario connections --clients $N --label mem --server http://127.0.0.1:$PORT --warmup 0 --hold 8 --rate 1000 > "${TMPDIR:-/tmp}/live-bytes-load.log" 2>&1 &
LG=$!
# The load generator holds the clients 8 s after opening them (about 2 s at 1,000/s): read the heap inside the hold.
sleep 7
during=$(curl -s http://127.0.0.1:$PORT/gc)
wait $LG
kill "$SP"; wait "$SP" 2>/dev/null
echo "before=$before during=$during per_conn=$(( (during - before) / N ))"
