#!/usr/bin/env bash
# Side-by-side benchmark: our BenchServer (Release, the built dll) and the Node reference (socket.io 4.8, default
# options, the same handlers), one after the other under identical conditions: the server pinned to core 0
# (taskset -c 0), the load generator to core 1 (taskset -c 1). The load generator reads the server's CPU from
# /proc/<pid>/stat and its RSS from /proc/<pid>/status. Each scenario gets a freshly started server; the runner stops
# only the processes it started, by PID. Ends with the table: medians over runs, spread, ratio us/Node.
#
# Usage: benchmarks/run.sh                      (3 runs of every scenario, ~25 minutes)
#   RUNS=1 SCENARIOS="echo:200" benchmarks/run.sh
# Environment: RUNS (3), SCENARIOS ("connections:5000 connections:10000 broadcast:1000 echo:200 polling-echo:200"),
#   DURATION seconds per measurement window (10), WARMUP seconds before it (30: long enough for .NET's tiered JIT
#   to finish recompiling the hot paths: a profile showed the JIT at 15% of CPU 5–25 s after start, and echo cost
#   35 µs CPU per round trip after 10 s of warm-up but 20 µs after 30 s),
#   RATE new connections/s (500), PORT (7357), OUT (results file).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1

runs=${RUNS:-3}
scenarios=${SCENARIOS:-"connections:5000 connections:10000 broadcast:1000 echo:200 polling-echo:200"}
duration=${DURATION:-10}
warmup=${WARMUP:-30}
rate=${RATE:-500}
port=${PORT:-7357}
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

interop=tests/interop
if [[ ! -f $interop/node_modules/.package-lock.json ]]; then
  (cd "$interop" && npm ci --no-audit --no-fund)
fi

echo "== build (Release)"
dotnet build testassets/BenchServer -c Release -v quiet -nologo
dotnet build benchmarks/LoadGenerator -c Release -v quiet -nologo
ours_dll=testassets/BenchServer/bin/Release/net10.0/BenchServer.dll
loadgen_dll=benchmarks/LoadGenerator/bin/Release/net10.0/LoadGenerator.dll

server_pid=
stop_server() {
  if [[ -n $server_pid ]] && kill -0 "$server_pid" 2>/dev/null; then
    kill -TERM "$server_pid" 2>/dev/null || true
    for _ in $(seq 1 100); do # at most 10 s, then SIGKILL
      kill -0 "$server_pid" 2>/dev/null || break
      sleep 0.1
    done
    kill -KILL "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  server_pid=
}
trap stop_server EXIT

start_server() { # $1 = ours | node
  local log=artifacts/bench/server-$1.log
  case $1 in
    ours) HOST=127.0.0.1 PORT=$port taskset -c 0 dotnet "$ours_dll" > "$log" 2>&1 & ;;
    node) HOST=127.0.0.1 PORT=$port taskset -c 0 node benchmarks/node/bench-server.mjs > "$log" 2>&1 & ;;
  esac
  server_pid=$!
  for _ in $(seq 1 200); do # at most 20 s
    if grep -q "Now listening on" "$log" 2>/dev/null; then
      return 0
    fi
    kill -0 "$server_pid" 2>/dev/null || break
    sleep 0.1
  done
  echo "error: the $1 server did not start; see $log" >&2
  exit 1
}

echo "== results: $out"
for run in $(seq 1 "$runs"); do
  # Alternate who goes first, so neither always runs on a warmer machine.
  if ((run % 2 == 1)); then order="ours node"; else order="node ours"; fi
  for spec in $scenarios; do
    scenario=${spec%%:*}
    clients=${spec##*:}
    for server in $order; do
      echo "# run $run $server $scenario $clients load $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$out"
      start_server "$server"
      sleep 1
      taskset -c 1 dotnet "$loadgen_dll" --scenario "$scenario" --clients "$clients" --label "$server" \
        --server "http://127.0.0.1:$port" --server-pid "$server_pid" --duration "$duration" --warmup "$warmup" --rate "$rate" \
        >> "$out" || echo "# run $run $server $scenario: the load generator reported failures" | tee -a "$out"
      stop_server
    done
  done
done

echo "== summary ($runs runs; medians, min–max)"
dotnet "$loadgen_dll" summarize "$out" "${out%.jsonl}.dat" | tee "${out%.jsonl}.md"
