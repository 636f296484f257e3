#!/usr/bin/env bash
# Side-by-side benchmark: our BenchServer (Release, the built dll) and the Node reference (socket.io 4.8, default
# options, the same handlers), one after the other under identical conditions: the server pinned to core 0
# (taskset -c 0), the load generator to core 1 (taskset -c 1). Every scenario is measured by two independent load
# generators: ours in C# (benchmarks/LoadGenerator) and one on Node's ws package (benchmarks/node-loadgen). Each reads
# the server's CPU from /proc/<pid>/stat and its RSS from /proc/<pid>/status. Each measurement gets a freshly started
# server; the runner stops only the processes it started, by PID. Ends with the table: medians over runs, spread,
# ratio us/Node per generator, and the worse of the two ratios.
#
# Usage: benchmarks/run.sh                      (3 runs of every scenario with both generators, ~50 minutes)
#   RUNS=1 SCENARIOS="echo:200" GENERATORS=ws benchmarks/run.sh
#   RUNS=3 SCENARIOS="broadcast-2nodes:1000" benchmarks/run.sh
# broadcast-2nodes (not in the default list: it needs redis-server): two servers of one cluster on one Redis, started
#   by the runner on REDIS_PORT (6399) and stopped afterwards; ours are two BenchServers with the classic Redis
#   adapter, Node's two bench-server.mjs with @socket.io/redis-adapter. Half of the receivers on each server, the
#   sender on the first; both servers and Redis share core 0, the generator has core 1; the CPU per delivery is both
#   servers' (Redis's is not counted).
# Environment: RUNS (3), GENERATORS ("dotnet ws"), SCENARIOS ("connections:5000 connections:10000 broadcast:1000 echo:200 polling-echo:200"),
#   DURATION seconds per measurement window (10), WARMUP seconds before it (30: long enough for .NET's tiered JIT
#   to finish recompiling the hot paths: a profile showed the JIT at 15% of CPU 5–25 s after start, and echo cost
#   35 µs CPU per round trip after 10 s of warm-up but 20 µs after 30 s),
#   RATE new connections/s (500), PORT (7357), OUT (results file), OURS_ENV (variables for our servers only, e.g.
#   OURS_ENV=DOTNET_GCgen0size=4000000: docs/operations.md#runtime-settings), SERVERS ("ours node"; add raw for
#   Kestrel's bare WebSocket, the floor under ours, in the same runs: for connections, echo and broadcast only).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

runs=${RUNS:-3}
generators=${GENERATORS:-"dotnet ws"}
read -r -a servers <<< "${SERVERS:-ours node}"
scenarios=${SCENARIOS:-"connections:5000 connections:10000 broadcast:1000 echo:200 polling-echo:200"}
duration=${DURATION:-10}
warmup=${WARMUP:-30}
rate=${RATE:-500}
port=${PORT:-7357}
redis_port=${REDIS_PORT:-6399}
mkdir -p artifacts/bench
out=${OUT:-artifacts/bench/results-$(date -u +%Y%m%dT%H%M%SZ).jsonl}

# 10,000 clients need 10,000 descriptors in the load generator (and as many in the server): raise the soft limit
# to the hard one, and check that the ephemeral port range is large enough.
ulimit -n "$(ulimit -Hn)"
read -r port_low port_high < /proc/sys/net/ipv4/ip_local_port_range
echo "== file descriptors: $(ulimit -n); ephemeral ports: $((port_high - port_low + 1))"
if (($(ulimit -n) < 10100)); then
  echo "warning: ulimit -n is $(ulimit -n); the 10,000-connection scenario needs more" >&2
fi

source benchmarks/lib.sh
bench_prepare
trap stop_server EXIT

echo "== results: $out"
for run in $(seq 1 "$runs"); do
  # Rotate who goes first, so no server always runs on a warmer machine.
  first=$(((run - 1) % ${#servers[@]}))
  order="${servers[*]:first} ${servers[*]:0:first}"
  for spec in $scenarios; do
    scenario=${spec%%:*}
    clients=${spec##*:}
    for generator in $generators; do
      for server in $order; do
        echo "# run $run $server $scenario $clients generator $generator load $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$out"
        if [[ $scenario == broadcast-2nodes ]]; then
          start_cluster "$server"
          targets=(--scenario broadcast --server2 "http://127.0.0.1:$((port + 1))" --server-pid "$server_pid,$server2_pid")
        else
          start_server "$server"
          targets=(--scenario "$scenario" --server-pid "$server_pid")
        fi
        sleep 1
        run_generator "$generator" "${targets[@]}" --clients "$clients" --label "$server" \
          --server "http://127.0.0.1:$port" --duration "$duration" --warmup "$warmup" \
          --rate "$rate" >> "$out" ||
          echo "# run $run $server $scenario generator $generator: the load generator reported failures" | tee -a "$out"
        stop_server
      done
    done
  done
done

echo "== summary ($runs runs; medians, min–max)"
dotnet "$loadgen_dll" summarize "$out" "${out%.jsonl}.dat" | tee "${out%.jsonl}.md"
