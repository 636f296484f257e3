#!/usr/bin/env bash
# Delivery under drops: the share of broadcasts that reach clients whose connections keep dropping, with connection
# state recovery off and on, for our server and Node socket.io 4.8.4 (benchmarks/node/bench-server.mjs). Each case gets
# a freshly started server (core 0; BENCH_RECOVERY=0 or 1) and one run of benchmarks/node/delivery-under-drops.mjs
# (core 1: socket.io-client 4.8.4, the clients and the producer). The same seed gives every server the same drop
# moments. Ends with a table; the JSON lines stay in $OUT.
#
# Usage: benchmarks/delivery-under-drops.sh               (both servers, off and on, once; about 2 minutes)
#   CLIENTS=50 BROADCASTS=6000 RUNS=3 benchmarks/delivery-under-drops.sh
# Environment: SERVERS ("ours node"), RUNS (1; run r uses seed r), CLIENTS (20), BROADCASTS (4000), INTERVAL_MS (5),
#   DROPS (3 per client), RECONNECTION_DELAY (500 ms, the client's reconnectionDelay), PORT (7357),
#   OUT (artifacts/bench/drops-<time>.jsonl).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

servers=${SERVERS:-"ours node"}
runs=${RUNS:-1}
clients=${CLIENTS:-20}
broadcasts=${BROADCASTS:-4000}
interval=${INTERVAL_MS:-5}
drops=${DROPS:-3}
delay=${RECONNECTION_DELAY:-500}
port=${PORT:-7357}
mkdir -p artifacts/bench
out=${OUT:-artifacts/bench/drops-$(date -u +%Y%m%dT%H%M%SZ).jsonl}

# shellcheck source=benchmarks/lib.sh
source benchmarks/lib.sh
trap stop_server EXIT

if [[ ! -f tests/interop/node_modules/.package-lock.json ]]; then
  (cd tests/interop && npm ci --no-audit --no-fund)
fi
echo "== build (Release)"
dotnet build testassets/BenchServer -c Release -v quiet -nologo

for run in $(seq 1 "$runs"); do
  for server in $servers; do
    for recovery in 0 1; do
      echo "== run $run: $server, recovery $recovery"
      server_env="BENCH_RECOVERY=$recovery" start_server "$server"
      options="{\"server\":\"$server\",\"recovery\":$recovery,\"clients\":$clients,\"broadcasts\":$broadcasts,\"intervalMs\":$interval,\"dropsPerClient\":$drops,\"reconnectionDelay\":$delay,\"seed\":$run}"
      taskset -c 1 node benchmarks/node/delivery-under-drops.mjs "http://127.0.0.1:$port/" "$options" | tee -a "$out"
      stop_server
    done
  done
done

echo "== $out"
node --input-type=module - "$out" <<'EOF'
import { readFileSync } from "node:fs";
const rows = readFileSync(process.argv[2], "utf8").trim().split("\n").map((l) => JSON.parse(l)).filter((r) => r.event === "result");
console.log("| server | recovery | seed | delivered / expected | share | drops | reconnections (recovered) | duplicates | out of order |");
console.log("| --- | --- | --- | --- | --- | --- | --- | --- | --- |");
for (const r of rows) {
  const share = (100 * r.share).toFixed(1) + "%";
  console.log(`| ${r.server} | ${r.recovery ? "on" : "off"} | ${r.seed} | ${r.delivered} / ${r.expected} | ${share} | ${r.drops} | ${r.reconnects} (${r.recovered}) | ${r.duplicates} | ${r.outOfOrder} |`);
}
EOF
