#!/usr/bin/env bash
# Why do two load generators see different server costs? For each server (ours, Node) this starts ONE server, pinned
# like run.sh pins it (server on core 0, generator on core 1), warms it up, then measures it in ROUNDS rounds, each
# round one window per generator (the order alternating between rounds): the generators are compared against the same
# warm server process, interleaved in time, so whatever else the machine does falls on both alike. Inside every
# window `perf stat` (kernel tracepoints: no ptrace, little overhead) counts per operation: the server's and the
# generator's system calls by kind, context switches and wake-ups they perform (`sched:sched_waking`), reschedule and
# function-call IPIs per core (machine-wide), and the machine's TCP segments (/proc/net/snmp, loopback); the
# server's user/system CPU split comes from /proc/<pid>/stat. Ends with one row per window and the usual summary
# (medians per server and generator, ratios). Raw outputs stay in artifacts/bench/probe-<time>/.
#
# Usage: benchmarks/probe.sh                                (echo, both servers, 3 rounds; ~6 minutes)
#   SERVERS=node GENERATORS="dotnet ws" ROUNDS=2 SCENARIO=echo CLIENTS=200 benchmarks/probe.sh
# Environment: SERVERS ("ours node"; also raw and node-raw, the bare WebSocket floors), GENERATORS ("dotnet ws"),
#   ROUNDS (3), SCENARIO (echo), CLIENTS (200), WARMUP seconds the fresh server is warmed before the first window
#   (30), GEN_WARMUP seconds each generator runs before its window (10: its connection ramp and its own JIT),
#   DURATION seconds per window (10), PORT (7357),
#   GEN_ENV="NAME=value …" environment for the generators only, SERVER_ENV the same for the servers only (e.g.
#   DOTNET_ThreadPool_UnfairSemaphoreSpinLimit=0). A generator in GENERATORS may carry its own environment and a
#   name of its own for the tables: "dotnet:inline:DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS=1" runs the C#
#   generator with that variable and reports it as generator "dotnet:inline".
#   PERF_RECORD=1 adds `perf record -g` of the server per window (it costs the server CPU: figures not comparable),
#   STRACE=1 adds, after the rounds, a short pass per generator under `strace -c -f` on the server (STRACE_SECONDS, 3)
#   for the calls and their errors (EAGAIN) by kind; strace slows the server, so no CPU figure is taken then.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

servers=${SERVERS:-"ours node"}
generators=${GENERATORS:-"dotnet ws"}
rounds=${ROUNDS:-3}
scenario=${SCENARIO:-echo}
clients=${CLIENTS:-200}
warmup=${WARMUP:-30}
gen_warmup=${GEN_WARMUP:-10}
duration=${DURATION:-10}
gen_env=${GEN_ENV:-}
server_env=${SERVER_ENV:-}
port=${PORT:-7357}
strace_seconds=${STRACE_SECONDS:-3}
dir=artifacts/bench/probe-$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p "$dir"
ulimit -n "$(ulimit -Hn)"
command -v perf > /dev/null || { echo "error: perf is needed (apt-get install linux-perf)" >&2; exit 1; }
if [[ ${STRACE:-0} == 1 ]]; then
  command -v strace > /dev/null || { echo "error: strace is needed (apt-get install strace)" >&2; exit 1; }
fi

source benchmarks/lib.sh
bench_prepare > /dev/null
generator_pid=
cleanup() {
  if [[ -n $generator_pid ]]; then
    kill -TERM "$generator_pid" 2>/dev/null || true
    wait "$generator_pid" 2>/dev/null || true
  fi
  stop_server
}
trap cleanup EXIT

calls=(read readv recvfrom recvmsg write writev sendto sendmsg epoll_wait epoll_pwait epoll_pwait2 futex sched_yield)
# sched_waking fires in the waker's context: the wake-ups this process performs, of the peer's threads (over
# loopback the sender runs the receiver's TCP input and wakes it) and of its own.
events=task-clock,context-switches,sched:sched_waking,raw_syscalls:sys_enter
for c in "${calls[@]}"; do events+=,syscalls:sys_enter_$c; done

tcp_segments() { awk '$1 == "Tcp:" && $2 ~ /^[0-9]/ { print $11 + $12 }' /proc/net/snmp; } # InSegs + OutSegs
cpu_ticks() { sed 's/.*) //' "/proc/$1/stat" | awk '{ print $12, $13 }'; } # utime stime, clock ticks

# Starts the generator ($1) against the running server in the background, with GEN_ENV, its own warm-up ($2) and
# window ($3); its JSON line goes to $4. Sets generator_pid (a subshell) and generator_process (the generator).
start_generator() {
  local name=${1%%:*} own_env=
  [[ $1 == *:*:* ]] && own_env=${1#*:*:}
  # shellcheck disable=SC2086 # GEN_ENV is a list of NAME=value
  (export $gen_env $own_env; run_generator "$name" --scenario "$scenario" --clients "$clients" --label "$server" \
    --server "http://127.0.0.1:$port" --server-pid "$server_pid" --warmup "$2" --duration "$3") > "$4" 2>> "$dir/generators.err" &
  generator_pid=$!
  sleep 0.5
  generator_process=$(pgrep -P "$generator_pid" | head -1 || true) # taskset execs the generator in the subshell's child
  generator_process=${generator_process:-$generator_pid}
}

# One window of generator $1 on the running server: the result line, the counters, one table row.
measure() {
  local generator=$1 tag=$2 window=$((duration - 2)) perf_server perf_ipi perf_record= segments u0 s0 u1 s1
  start_generator "$generator" "$gen_warmup" "$duration" "$dir/$tag.json"
  # The counting window sits inside the generator's: from 1 s after its warm-up to 1 s before its end.
  sleep $((gen_warmup + 1))
  segments=$(tcp_segments)
  read -r u0 s0 <<< "$(cpu_ticks "$server_pid")"
  if [[ ${PERF_RECORD:-0} == 1 ]]; then
    perf record -q -e cpu-clock -g -p "$server_pid" -o "$dir/$tag.server.data" -- sleep "$window" > /dev/null 2>&1 &
    perf_record=$!
  fi
  perf stat -x, -e "$events" -p "$server_pid" -o "$dir/$tag.server.perf" -- sleep "$window" &
  perf_server=$!
  perf stat -x, -a -A -e irq_vectors:reschedule_entry,irq_vectors:call_function_single_entry -o "$dir/$tag.ipi.perf" \
    -- sleep "$window" > /dev/null 2>&1 &
  perf_ipi=$!
  perf stat -x, -e "$events" -p "$generator_process" -o "$dir/$tag.generator.perf" -- sleep "$window" > /dev/null 2>&1 || true
  wait "$perf_server" || true
  wait "$perf_ipi" || true
  segments=$(($(tcp_segments) - segments))
  read -r u1 s1 <<< "$(cpu_ticks "$server_pid")"
  if [[ -n $perf_record ]]; then
    wait "$perf_record" || true
    perf report -i "$dir/$tag.server.data" --no-children --sort dso,sym --stdio -g none 2> /dev/null |
      grep -E '^ +[0-9]' | head -40 > "$dir/$tag.server.report" || true
  fi
  wait "$generator_pid" || echo "warning: $tag: the load generator reported failures" >&2
  generator_pid=
  # A generator with its own environment gets its own column in the summary.
  local label
  label=$(echo "$generator" | cut -d: -f1-2)
  sed "s/\"Generator\":\"[^\"]*\"/\"Generator\":\"$label\"/" "$dir/$tag.json" >> "$dir/results.jsonl"
  row "$label" "$tag" "$window" "$segments" $((u1 - u0)) $((s1 - s0))
}

# $1 = perf file, $2 = event: the count (0 when absent).
count_of() { awk -F, -v e="$2" '$3 == e { print ($1 ~ /^[0-9.]+$/ ? $1 : 0); found = 1 } END { if (!found) print 0 }' "$1"; }

# Prints one table row from a window's files: $1 generator, $2 tag, $3 seconds counted, $4 TCP segments, $5/$6 the
# server's utime/stime ticks in the counted seconds.
row() {
  local json=$dir/$2.json sp=$dir/$2.server.perf gp=$dir/$2.generator.perf ipi=$dir/$2.ipi.perf rate server_us generator_us
  rate=$(sed -n 's/.*"OpsPerSecond":\([0-9.e+-]*\).*/\1/p' "$json")
  server_us=$(sed -n 's/.*"ServerCpuMicrosPerOp":\([0-9.e+-]*\).*/\1/p' "$json")
  generator_us=$(sed -n 's/.*"LoadGeneratorCpuMicrosPerOp":\([0-9.e+-]*\).*/\1/p' "$json")
  local ops
  ops=$(awk -v r="${rate:-0}" -v w="$3" 'BEGIN { print r * w }')
  per_op() { # $1 = file, then events: their sum per operation
    local file=$1 sum=0 e
    shift
    for e in "$@"; do sum=$(awk -v a="$sum" -v b="$(count_of "$file" "$e")" 'BEGIN { print a + b }'); done
    awk -v s="$sum" -v n="$ops" 'BEGIN { printf "%.2f", (n > 0 ? s / n : 0) }'
  }
  ipi_per_op() { # $1 = CPU number
    awk -F, -v c="CPU$1" -v n="$ops" '$1 == c && $2 ~ /^[0-9]/ { s += $2 } END { printf "%.2f", (n > 0 ? s / n : 0) }' "$ipi"
  }
  local recv=(syscalls:sys_enter_read syscalls:sys_enter_readv syscalls:sys_enter_recvfrom syscalls:sys_enter_recvmsg)
  local send=(syscalls:sys_enter_write syscalls:sys_enter_writev syscalls:sys_enter_sendto syscalls:sys_enter_sendmsg)
  local epoll=(syscalls:sys_enter_epoll_wait syscalls:sys_enter_epoll_pwait syscalls:sys_enter_epoll_pwait2)
  printf '| %s | %s | %s | %.0f | %.1f | %s | %s | %.1f | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n' \
    "$server" "$1" "$2" "${rate:-0}" "${server_us:-0}" \
    "$(awk -v t="$5" -v n="$ops" 'BEGIN { printf "%.1f", (n > 0 ? t * 1e4 / n : 0) }')" \
    "$(awk -v t="$6" -v n="$ops" 'BEGIN { printf "%.1f", (n > 0 ? t * 1e4 / n : 0) }')" \
    "${generator_us:-0}" \
    "$(per_op "$sp" raw_syscalls:sys_enter)" "$(per_op "$sp" "${recv[@]}")" "$(per_op "$sp" "${send[@]}")" \
    "$(per_op "$sp" "${epoll[@]}")" "$(per_op "$sp" syscalls:sys_enter_futex)" "$(per_op "$sp" syscalls:sys_enter_sched_yield)" \
    "$(per_op "$sp" context-switches)" "$(per_op "$sp" sched:sched_waking)" \
    "$(per_op "$gp" raw_syscalls:sys_enter)" "$(per_op "$gp" "${recv[@]}")" "$(per_op "$gp" "${send[@]}")" \
    "$(per_op "$gp" "${epoll[@]}")" "$(per_op "$gp" context-switches)" "$(per_op "$gp" sched:sched_waking)" \
    "$(ipi_per_op 0)" "$(ipi_per_op 1)" \
    "$(awk -v s="$4" -v n="$ops" 'BEGIN { printf "%.2f", (n > 0 ? s / n : 0) }')"
}

echo "== $scenario, $clients clients; server warm-up $warmup s, then $rounds rounds of $generators ($gen_warmup s + $duration s" \
  "each)${gen_env:+; generator env $gen_env}${server_env:+; server env $server_env}; load $(cut -d' ' -f1-3 /proc/loadavg); raw: $dir"
{
  echo "| server | generator | window | ops/s | server µs/op | server user µs/op | server sys µs/op | gen µs/op" \
    "| server syscalls/op | recv/op | send/op | epoll/op | futex/op | yield/op | ctx sw/op | wake-ups/op" \
    "| gen syscalls/op | gen recv/op | gen send/op | gen epoll/op | gen ctx sw/op | gen wake-ups/op" \
    "| IPIs core 0/op | IPIs core 1/op | TCP segs/op |"
  echo "|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
  for server in $servers; do
    start_server "$server"
    sleep 1
    # Warm-up, discarded: the first generator drives the fresh server for WARMUP seconds.
    first=${generators%% *}
    start_generator "$first" "$warmup" 1 /dev/null
    wait "$generator_pid" || true
    generator_pid=
    for round in $(seq 1 "$rounds"); do
      order=$generators
      if ((round % 2 == 0)); then order=$(echo "$generators" | tr ' ' '\n' | tac | tr '\n' ' '); fi
      for generator in $order; do
        measure "$generator" "$server-${generator%%:*}$([[ $generator == *:*:* ]] && echo "-$(echo "$generator" | cut -d: -f2)")-$round"
      done
    done
    if [[ ${STRACE:-0} == 1 ]]; then
      for generator in $generators; do
        start_generator "$generator" 2 $((strace_seconds + 4)) /dev/null
        sleep 3
        strace -c -f -p "$server_pid" -o "$dir/$server-$(echo "$generator" | cut -d: -f1-2 | tr : -).strace" > /dev/null 2>&1 &
        strace_pid=$!
        sleep "$strace_seconds"
        kill -INT "$strace_pid" 2>/dev/null || true
        wait "$strace_pid" 2>/dev/null || true
        wait "$generator_pid" 2>/dev/null || true
        generator_pid=
      done
    fi
    stop_server
  done
} | tee "$dir/table.md"
echo "== load at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== summary (medians over rounds)"
dotnet "$loadgen_dll" summarize "$dir/results.jsonl" | tee "$dir/summary.md"
