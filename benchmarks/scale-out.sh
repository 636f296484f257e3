#!/usr/bin/env bash
# Scale-out: NODES servers of one cluster on one Redis (the classic adapter), CLIENTS WebSocket clients spread evenly
# over them, every client reached by one broadcast sent on the first node (benchmarks/scale-out/scale-out.mjs).
# Prints the servers' CPU per handshake, their total RSS and KiB per connection, and the broadcast's deliveries, time
# to the last one and CPU. The servers and Redis share core 0, the clients core 1. Stops only what it started.
#
# Usage: benchmarks/scale-out.sh                        (ours: 5 nodes, 95,000 clients)
#   SERVER=node benchmarks/scale-out.sh                 (the same with Node's socket.io and @socket.io/redis-adapter)
#   NODES=6 CLIENTS=100000 benchmarks/scale-out.sh
# A process may hold at most `ulimit -Hn` files (20,000 here): a node needs a few dozen of them besides its clients'
# sockets, so CLIENTS / NODES must stay below that (19,000 per node is the default's share).
# Environment: SERVER (ours | node), NODES (5), CLIENTS (95000), RATE new connections/s over all nodes (1000),
#   PER_WORKER clients per client process (10000), BASE_PORT (7401), REDIS_PORT (6399), OUT (results file).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

server=${SERVER:-ours}
nodes=${NODES:-5}
clients=${CLIENTS:-95000}
rate=${RATE:-1000}
per_worker=${PER_WORKER:-10000}
base_port=${BASE_PORT:-7401}
redis_port=${REDIS_PORT:-6399}
mkdir -p artifacts/bench
out=${OUT:-artifacts/bench/scale-out-$(date -u +%Y%m%dT%H%M%SZ).jsonl}

ulimit -n "$(ulimit -Hn)"
if ((clients / nodes + 100 > $(ulimit -n))); then
  echo "error: $((clients / nodes)) connections per node do not fit in $(ulimit -n) open files per process; add nodes" >&2
  exit 1
fi
command -v redis-server > /dev/null || { echo "error: redis-server is not installed" >&2; exit 1; }

source benchmarks/lib.sh
bench_prepare

node_pids=()
stop_all() {
  local pid
  for pid in "${node_pids[@]}"; do stop_pid "$pid"; done
  stop_pid "$redis_pid"
}
trap stop_all EXIT

start_redis

servers=()
for i in $(seq 1 "$nodes"); do
  port=$((base_port + i - 1)) server_env="REDIS=127.0.0.1:$redis_port" start_server "$server" "-scale-out-$i"
  node_pids+=("$server_pid")
  servers+=("http://127.0.0.1:$((base_port + i - 1))")
done
sleep 1

echo "# $server: $nodes nodes, $clients clients at $rate/s, load $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$out"
status=0
taskset -c 1 node benchmarks/scale-out/scale-out.mjs --label "$server" --clients "$clients" --rate "$rate" \
  --per-worker "$per_worker" --servers "$(IFS=,; echo "${servers[*]}")" --server-pids "$(IFS=,; echo "${node_pids[*]}")" \
  --redis-pid "$redis_pid" >> "$out" || status=$?
tail -n 1 "$out"
exit "$status"
