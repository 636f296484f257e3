#!/usr/bin/env bash
# What leaving the metrics on costs: two BenchServers at once, both pinned to core 0, one with nobody listening to its
# meters and one with the OpenTelemetry SDK recording every SocketIo.* instrument (BENCH_METRICS=otel: aggregated,
# served at /metrics for Prometheus, as the chat sample does). After a warm-up of each, ROUNDS rounds measure each
# scenario on both servers in turn, the order alternating between rounds, so that whatever else the machine does falls
# on both alike; the load generator runs on core 1. Ends with, per scenario, each server's median server CPU per
# operation (min–max) and the median of the per-round ratio otel / off (min–max). MODES="off otel traces" adds a third
# server that also records every span (events included; no exporter). Raw lines: artifacts/bench/telemetry-<time>.jsonl.
#
# Usage: benchmarks/telemetry-overhead.sh                     (echo:200 and broadcast:1000, 6 rounds; ~12 minutes)
#   ROUNDS=3 SCENARIOS="echo:200" MODES="off otel traces" GENERATOR=ws benchmarks/telemetry-overhead.sh
# Environment: ROUNDS (6), SCENARIOS ("echo:200 broadcast:1000"), MODES ("off otel"), GENERATOR (dotnet),
#   WARMUP seconds of the first load on each fresh server (30), GEN_WARMUP seconds each window's generator runs
#   before measuring (5), DURATION seconds per window (10), PORT (7357; the servers take PORT, PORT+1, …), SCRAPE
#   seconds between two scrapes of each listening server's /metrics (5).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

rounds=${ROUNDS:-6}
scenarios=${SCENARIOS:-"echo:200 broadcast:1000"}
modes=${MODES:-"off otel"}
generator=${GENERATOR:-dotnet}
warmup=${WARMUP:-30}
gen_warmup=${GEN_WARMUP:-5}
duration=${DURATION:-10}
base_port=${PORT:-7357}
scrape=${SCRAPE:-5}
mkdir -p artifacts/bench
out=${OUT:-artifacts/bench/telemetry-$(date -u +%Y%m%dT%H%M%SZ).jsonl}
ulimit -n "$(ulimit -Hn)"

source benchmarks/lib.sh
bench_prepare > /dev/null

declare -A pids ports
scrapers=()
cleanup() {
  for pid in "${scrapers[@]}"; do stop_pid "$pid"; done
  for mode in "${!pids[@]}"; do stop_pid "${pids[$mode]}"; done
}
trap cleanup EXIT

# One server per mode, all on core 0.
i=0
for mode in $modes; do
  port=$((base_port + i))
  server_env=
  [[ $mode != off ]] && server_env="BENCH_METRICS=$mode"
  start_server ours "-telemetry-$mode"
  pids[$mode]=$server_pid
  ports[$mode]=$port
  server_pid=
  # A listener that nobody reads would skip the observed gauges: scrape /metrics every SCRAPE seconds, as Prometheus
  # would (on core 1, at most 3 hours).
  if [[ $mode != off ]]; then
    (for _ in $(seq 1 $((10800 / scrape))); do
      taskset -c 1 curl -s -o /dev/null "http://127.0.0.1:$port/metrics" || true
      sleep "$scrape"
    done) &
    scrapers+=($!)
  fi
  i=$((i + 1))
done

# $1 = mode, $2 = scenario, $3 = clients, $4 = warm-up, $5 = window, $6 = label: one generator run against that server.
measure() {
  run_generator "$generator" --scenario "$2" --clients "$3" --label "$6" --server "http://127.0.0.1:${ports[$1]}" \
    --server-pid "${pids[$1]}" --warmup "$4" --duration "$5"
}

echo "== warm-up: $warmup s of each scenario on each server"
for spec in $scenarios; do
  for mode in $modes; do
    measure "$mode" "${spec%%:*}" "${spec##*:}" "$warmup" 1 warmup > /dev/null
  done
done

echo "== results: $out"
for round in $(seq 1 "$rounds"); do
  order=$modes
  ((round % 2 == 0)) && order=$(echo "$modes" | tr ' ' '\n' | tac | tr '\n' ' ')
  for spec in $scenarios; do
    for mode in $order; do
      echo "# round $round $mode ${spec%%:*} load $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$out"
      measure "$mode" "${spec%%:*}" "${spec##*:}" "$gen_warmup" "$duration" "$mode" | sed "s/^{/{\"Round\":$round,/" >> "$out" ||
        echo "# round $round $mode: the load generator reported failures" | tee -a "$out"
    done
  done
done

echo "== summary ($rounds rounds, generator $generator; server CPU µs per operation: median (min–max))"
python3 - "$out" <<'PY'
import json, statistics, sys
from collections import defaultdict
rows = [json.loads(l) for l in open(sys.argv[1]) if l.startswith("{")]
by = defaultdict(dict)  # (scenario, round) -> mode -> µs/op
for r in rows:
    by[(r["Scenario"], r["Round"])][r["Label"]] = r["ServerCpuMicrosPerOp"]
scenarios = sorted({s for s, _ in by})
modes = [m for m in ("off", "otel", "traces") if any(m in v for v in by.values())]
def spread(xs): return f"{statistics.median(xs):.3g} ({min(xs):.3g}–{max(xs):.3g})"
print("| scenario | " + " | ".join(modes) + " | " + " | ".join(f"{m} / off per round" for m in modes[1:]) + " |")
print("|---" * (1 + 2 * len(modes) - 1) + "|")
for s in scenarios:
    rounds = [v for (sc, _), v in sorted(by.items()) if sc == s]
    cells = [spread([v[m] for v in rounds if m in v]) for m in modes]
    ratios = [spread([v[m] / v["off"] for v in rounds if m in v and "off" in v]) for m in modes[1:]]
    print(f"| {s} | " + " | ".join(cells) + " | " + " | ".join(ratios) + " |")
PY
