#!/usr/bin/env bash
# Variants of the servers side by side, in the same rounds: ways of compiling and running ours, and the bare WebSocket
# floors of both platforms. Our BenchServer:
#   jit        the plain build with .NET's default JIT: every method JIT-compiled, tiered compilation with dynamic PGO
#              (DOTNET_TieredPGO=1 over BenchServer's own setting; the thread-pool spin stays off as BenchServer ships)
#   jit-nopgo  the plain build as it ships (ServerRuntime.props): dynamic PGO off, so hot methods go to the optimising
#              JIT without an instrumented tier in between, no call-counting delay, and thread-pool spinning off
#   tc-delay   jit-nopgo with the runtime's call-counting delay back (DOTNET_TC_CallCountingDelayMs=100 over
#              BenchServer's 0; ten times that when the process may use one CPU, as the server pinned to core 0 may)
#   r2r        published ReadyToRun (our assemblies precompiled; the framework's already are), dynamic PGO on
#   r2r-nopgo  ReadyToRun, dynamic PGO off
#   tc-off     the plain build with DOTNET_TieredCompilation=0 (fully optimised at the first call, precompiled code kept)
#   qj-off     jit-nopgo with DOTNET_TC_QuickJit=0: methods without precompiled code (ours) are compiled optimised at
#              their first call, with no tier 0; the framework's precompiled code still tiers up when hot
#   tc-nodelay jit-nopgo with DOTNET_TC_CallCountingDelayMs=0: hot methods are counted and recompiled at once instead
#              of after the runtime's startup delay (100 ms, extended while new methods keep being called); what
#              BenchServer ships with since 2026-12-01, so the same as jit-nopgo from then on
#   qj-off-nodelay  both
#   aot        published Native AOT (no JIT at all)
#   hc-on, hc-off  jit-nopgo with the thread pool's hill climbing on (DOTNET_HillClimbing_Disable=0) or off (=1): off,
#              the pool keeps one worker per CPU and adds threads only when queued work stops moving
#   raw        Kestrel's floor: the plain build with BENCH_DIAGNOSTICS=raw, a bare ASP.NET Core WebSocket that answers
#              the generators' handshake, echo and broadcast frames without Engine.IO or Socket.IO
#   aot-raw    the same floor, published Native AOT
#   raw-hc-on, raw-hc-off  the floor with hill climbing on or off
# and Node: node (socket.io 4.8, always measured: the ratios are to it) and node-raw (Node's floor: a bare ws server
# with the same frames, benchmarks/node/raw-ws-server.mjs).
# Each measurement gets a fresh server (core 0) and the load generator (core 1), as run.sh does. SPECS lists
# scenario:clients:warm-up seconds. The default is the cold-start comparison: echo:200 after 2 s (a freshly deployed
# server), echo:200 after 30 s (steady), connections:5000 after one round of 500 handshakes (the generator's
# shortest warm-up).
# Usage: benchmarks/variants.sh        (cold start: ROUNDS=3, ~30 minutes)
#   VARIANTS="jit-nopgo raw aot aot-raw node-raw" SPECS="echo:200:30 connections:5000:30" benchmarks/variants.sh
#                                      (the floors, steady)
# Environment: ROUNDS (3), VARIANTS ("jit jit-nopgo r2r r2r-nopgo tc-off aot"), SPECS ("echo:200:2 echo:200:30
#   connections:5000:0"), GENERATOR (ws), DURATION seconds per window (10), PORT (7357), OUT (results file).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

rounds=${ROUNDS:-3}
variants=${VARIANTS:-"jit jit-nopgo r2r r2r-nopgo tc-off aot"}
generator=${GENERATOR:-ws}
specs=${SPECS:-"echo:200:2 echo:200:30 connections:5000:0"}
duration=${DURATION:-10}
port=${PORT:-7357}
mkdir -p artifacts/bench
out=${OUT:-artifacts/bench/variants-$(date -u +%Y%m%dT%H%M%SZ).jsonl}
ulimit -n "$(ulimit -Hn)"

source benchmarks/lib.sh
bench_prepare
trap stop_server EXIT
# The ReadyToRun and Native AOT builds, each only when a variant runs it.
if [[ " $variants " == *" r2r"* ]]; then
  echo "== publish a ReadyToRun build of BenchServer"
  dotnet publish testassets/BenchServer -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true \
    -o artifacts/cold/r2r -v quiet -nologo
fi
if [[ " $variants " == *" aot"* ]]; then
  echo "== publish a Native AOT build of BenchServer"
  dotnet publish testassets/BenchServer -c Release -r linux-x64 -p:PublishAot=true -o artifacts/cold/aot -v quiet -nologo
fi

# $1 = a variant: sets the server kind, ours_exe and server_env for start_server.
use_variant() {
  server=ours
  case $1 in
    jit) ours_exe= server_env=DOTNET_TieredPGO=1 ;;
    jit-nopgo) ours_exe= server_env= ;;
    r2r) ours_exe=artifacts/cold/r2r/BenchServer.dll server_env=DOTNET_TieredPGO=1 ;;
    r2r-nopgo) ours_exe=artifacts/cold/r2r/BenchServer.dll server_env= ;;
    tc-off) ours_exe= server_env=DOTNET_TieredCompilation=0 ;;
    qj-off) ours_exe= server_env=DOTNET_TC_QuickJit=0 ;;
    tc-delay) ours_exe= server_env=DOTNET_TC_CallCountingDelayMs=100 ;;
    tc-nodelay) ours_exe= server_env=DOTNET_TC_CallCountingDelayMs=0 ;;
    qj-off-nodelay) ours_exe= server_env="DOTNET_TC_QuickJit=0 DOTNET_TC_CallCountingDelayMs=0" ;;
    aot) ours_exe=artifacts/cold/aot/BenchServer server_env= ;;
    hc-on) ours_exe= server_env=DOTNET_HillClimbing_Disable=0 ;;
    hc-off) ours_exe= server_env=DOTNET_HillClimbing_Disable=1 ;;
    raw) server=raw ours_exe= server_env= ;;
    aot-raw) server=raw ours_exe=artifacts/cold/aot/BenchServer server_env= ;;
    raw-hc-on) server=raw ours_exe= server_env=DOTNET_HillClimbing_Disable=0 ;;
    raw-hc-off) server=raw ours_exe= server_env=DOTNET_HillClimbing_Disable=1 ;;
    node | node-raw) server=$1 ours_exe= server_env= ;;
    *) echo "error: unknown variant '$1'" >&2; exit 1 ;;
  esac
}

echo "== results: $out"
for round in $(seq 1 "$rounds"); do
  for spec in $specs; do
    IFS=: read -r scenario clients warmup <<< "$spec"
    for variant in node $variants; do
      use_variant "$variant"
      echo "# round $round $variant $scenario warmup $warmup load $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$out"
      start_server "$server"
      sleep 1
      run_generator "$generator" --scenario "$scenario" --server-pid "$server_pid" --clients "$clients" \
        --label "$variant/warmup=$warmup" --server "http://127.0.0.1:$port" --duration "$duration" \
        --warmup "$warmup" --rate 500 >> "$out" ||
        echo "# round $round $variant $scenario: the load generator reported failures" | tee -a "$out"
      stop_server
    done
  done
done

echo "== medians over $rounds rounds (min–max) of server CPU µs per operation, and RSS KiB per idle connection"
python3 - "$out" <<'EOF'
import json, statistics, sys
# A measurement that failed (no operation completed) has no figures: it is left out, and named below the table.
lines = [json.loads(l) for l in open(sys.argv[1]) if l.startswith('{')]
rows = [r for r in lines if isinstance(r["ServerCpuMicrosPerOp"], (int, float)) and r["Failures"] == 0]
groups = {}
for r in rows:
    groups.setdefault((r["Scenario"], r["Clients"], r["Label"].split("/")[1], r["Label"].split("/")[0]), []).append(r)
node = {}
print("| scenario | clients | warm-up | variant | CPU µs / op | ratio to Node | KiB / connection |")
print("|---|---:|---|---|---:|---:|---:|")
for (scenario, clients, warmup, variant), rs in sorted(groups.items(), key=lambda g: (g[0][0], g[0][1], g[0][2], g[0][3] != "node", g[0][3])):
    cpu = [r["ServerCpuMicrosPerOp"] for r in rs]
    median = statistics.median(cpu)
    if variant == "node":
        node[(scenario, clients, warmup)] = median
    ratio = median / node[(scenario, clients, warmup)] if (scenario, clients, warmup) in node else float("nan")
    kib = statistics.median([r["KiBPerConnection"] for r in rs]) if scenario == "connections" else None
    print(f"| {scenario} | {clients} | {warmup.split('=')[1]} s | {variant} | {median:.1f} ({min(cpu):.1f}–{max(cpu):.1f}) | "
          f"{ratio:.2f}× | {'' if kib is None else f'{kib:.1f}'} |")
for r in lines:
    if r not in rows:
        print(f"left out: {r['Label']} {r['Scenario']}, {r['Failures']} failures")
EOF
