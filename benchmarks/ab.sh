#!/usr/bin/env bash
# Interleaved A/B rounds of server variants: is a change (a build, a runtime setting) cheaper, on a machine whose load
# moves? Every variant is started once, all at the same time on their own ports (PORT, PORT+1, …), pinned to core 0
# as run.sh pins a server, and warmed up; then ROUNDS rounds measure every variant with every generator in turn (the
# variants' order rotating between rounds), so that whatever else the machine does falls on all of them alike. An
# idle variant costs next to nothing while another is measured. Ends with a table per generator: each variant's
# median and spread of the chosen figure, and its ratio to the first variant paired within each round (median and
# spread of the per-round ratios: the figure to judge a change by when the load varies).
#
# Usage: VARIANTS="main=/tmp/base/BenchServer.dll branch" benchmarks/ab.sh
#   VARIANTS="spin=:DOTNET_ThreadPool_UnfairSemaphoreSpinLimit=9 nospin=:DOTNET_ThreadPool_UnfairSemaphoreSpinLimit=0" benchmarks/ab.sh
#   SCENARIO=connections CLIENTS=5000 FIGURE=KiBPerConnection VARIANTS="…" benchmarks/ab.sh
# A variant is name[=dll][:NAME=value[:NAME=value…]]: without a dll, this tree's Release BenchServer (built here);
# the variables are set for that server only.
# Environment: VARIANTS (required), GENERATORS ("dotnet ws"), ROUNDS (5), SCENARIO (echo), CLIENTS (200), WARMUP
#   seconds each fresh server is warmed (30), GEN_WARMUP seconds each generator runs before its window (5), DURATION
#   seconds per window (10), PORT (7457), FIGURE (ServerCpuMicrosPerOp; any number of the result line), EXTRA (more
#   generator options, e.g. "--rate 1000"), OUT (directory for the raw lines; artifacts/bench/ab-<time>).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

variants=${VARIANTS:?"VARIANTS=\"name[=dll][:VAR=value…] …\" is required"}
generators=${GENERATORS:-"dotnet ws"}
rounds=${ROUNDS:-5}
scenario=${SCENARIO:-echo}
clients=${CLIENTS:-200}
warmup=${WARMUP:-30}
gen_warmup=${GEN_WARMUP:-5}
duration=${DURATION:-10}
base_port=${PORT:-7457}
figure=${FIGURE:-ServerCpuMicrosPerOp}
extra=${EXTRA:-}
dir=${OUT:-artifacts/bench/ab-$(date -u +%Y%m%dT%H%M%SZ)}
mkdir -p "$dir"
ulimit -n "$(ulimit -Hn)"

source benchmarks/lib.sh
bench_prepare > /dev/null

names=() dlls=() envs=() pids=() ports=()
for spec in $variants; do
  head=${spec%%:*}
  names+=("${head%%=*}")
  if [[ $head == *=?* ]]; then dlls+=("${head#*=}"); else dlls+=("$ours_dll"); fi # "name=:VAR=…" has no dll either
  if [[ $spec == *:* ]]; then envs+=("$(echo "${spec#*:}" | tr ':' ' ')"); else envs+=(""); fi
done

cleanup() {
  for pid in "${pids[@]}"; do stop_pid "$pid"; done
}
trap cleanup EXIT

default_dll=$ours_dll
for i in "${!names[@]}"; do
  port=$((base_port + i))
  ours_dll=${dlls[$i]} server_env=${envs[$i]} start_server ours "-ab-${names[$i]}"
  pids+=("$server_pid")
  ports+=("$port")
  server_pid=
done
ours_dll=$default_dll

# $1 = variant index, $2 = generator, $3 = warm-up seconds, $4 = window seconds: one JSON line on stdout.
window() {
  # shellcheck disable=SC2086 # EXTRA is a list of options
  run_generator "$2" --scenario "$scenario" --clients "$clients" --label "${names[$1]}" \
    --server "http://127.0.0.1:${ports[$1]}" --server-pid "${pids[$1]}" --warmup "$3" --duration "$4" $extra
}

echo "== $scenario, $clients clients, $figure; variants: ${names[*]}; generators: $generators; $rounds rounds;" \
  "load $(cut -d' ' -f1-3 /proc/loadavg); raw: $dir"
for i in "${!names[@]}"; do
  window "$i" "${generators%% *}" "$warmup" 1 > /dev/null 2>> "$dir/generators.err" || true
done

for round in $(seq 1 "$rounds"); do
  n=${#names[@]}
  for k in $(seq 0 $((n - 1))); do
    i=$(((k + round - 1) % n))
    for generator in $generators; do
      load=$(cut -d' ' -f1 /proc/loadavg)
      echo "# round $round ${names[$i]} $generator load $load" >> "$dir/results.jsonl"
      line=$(window "$i" "$generator" "$gen_warmup" "$duration" 2>> "$dir/generators.err" || true)
      if [[ $line == \{* ]]; then
        echo "$line" | sed "s/^{/{\"Round\":$round,/" >> "$dir/results.jsonl"
        printf '  round %s %-12s %-6s %s (load %s)\n' "$round" "${names[$i]}" "$generator" \
          "$(echo "$line" | sed -n "s/.*\"$figure\":\([0-9.e+-]*\).*/\1/p")" "$load"
      else
        echo "  round $round ${names[$i]} $generator: no result (see $dir/generators.err)"
      fi
    done
  done
done

echo "== load at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
# Medians and spreads per variant and generator; ratios to the first variant paired by round.
python3 - "$dir/results.jsonl" "$figure" "${names[*]}" "$generators" << 'EOF' | tee "$dir/summary.md"
import json, statistics, sys
path, figure, names, generators = sys.argv[1], sys.argv[2], sys.argv[3].split(), sys.argv[4].split()
rows = [json.loads(l) for l in open(path) if l.startswith("{")]
def fmt(v): return f"{v:.0f}" if abs(v) >= 100 else f"{v:.1f}" if abs(v) >= 10 else f"{v:.2f}"
for gen in generators:
    print(f"\n{figure}, generator {gen}\n")
    print(f"| variant | median (min–max) | ratio to {names[0]}, per round: median (min–max) |")
    print("|---|---:|---:|")
    base = {r["Round"]: r.get(figure) for r in rows if r["Label"] == names[0] and r.get("Generator", "dotnet") == gen}
    for name in names:
        mine = {r["Round"]: r.get(figure) for r in rows if r["Label"] == name and r.get("Generator", "dotnet") == gen}
        values = sorted(v for v in mine.values() if isinstance(v, (int, float)))
        ratios = sorted(mine[k] / base[k] for k in mine if isinstance(mine[k], (int, float)) and isinstance(base.get(k), (int, float)) and base[k])
        if not values:
            print(f"| {name} | – | – |"); continue
        cell = f"{fmt(statistics.median(values))} ({fmt(values[0])}–{fmt(values[-1])}, n={len(values)})"
        rcell = f"{statistics.median(ratios):.3f} ({ratios[0]:.3f}–{ratios[-1]:.3f})" if ratios else "–"
        print(f"| {name} | {cell} | {rcell} |")
EOF
