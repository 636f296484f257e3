#!/usr/bin/env bash
# Why do two load generators see different server costs? Runs one scenario (echo by default) for every server ×
# generator pair, pinned like run.sh (server on core 0, generator on core 1), and while the generator measures, counts
# per operation with `perf stat` (kernel tracepoints, no ptrace, little overhead): the server's and the generator's
# system calls by kind, context switches, and the machine's TCP segments (/proc/net/snmp, loopback). With STRACE=1 it
# then runs `strace -c -f` on the server for STRACE_SECONDS (strace slows the server: its CPU figures are not used),
# which adds the failed calls (EAGAIN) per kind. Prints one table; raw outputs stay in artifacts/bench/probe-<time>/.
#
# Usage: benchmarks/probe.sh
#   SERVERS="ours node" GENERATORS="dotnet ws" SCENARIO=echo CLIENTS=200 WARMUP=30 DURATION=10 STRACE=1 benchmarks/probe.sh
#   GEN_ENV="DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS=1" sets environment variables for the load generator only.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

servers=${SERVERS:-"ours node"}
generators=${GENERATORS:-"dotnet ws"}
scenario=${SCENARIO:-echo}
clients=${CLIENTS:-200}
warmup=${WARMUP:-30}
duration=${DURATION:-10}
strace_on=${STRACE:-0}
strace_seconds=${STRACE_SECONDS:-3}
gen_env=${GEN_ENV:-}
port=${PORT:-7357}
dir=artifacts/bench/probe-$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p "$dir"
ulimit -n "$(ulimit -Hn)"
command -v perf > /dev/null || { echo "error: perf is needed (apt-get install linux-perf)" >&2; exit 1; }
if [[ $strace_on == 1 ]]; then
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

calls=(read readv recvfrom recvmsg write writev sendto sendmsg epoll_wait epoll_pwait epoll_pwait2 epoll_ctl futex sched_yield io_uring_enter)
# sched_waking fires in the waker's context: the wake-ups this process performs (of the peer's threads, over loopback,
# and of its own).
events=task-clock,context-switches,sched:sched_waking,raw_syscalls:sys_enter
for c in "${calls[@]}"; do events+=,syscalls:sys_enter_$c; done

cpu_ticks() { # $1 = pid: "utime stime" in clock ticks, from /proc/<pid>/stat
  sed 's/.*) //' "/proc/$1/stat" | awk '{ print $12, $13 }'
}

tcp_segments() { # InSegs and OutSegs from /proc/net/snmp
  awk '$1 == "Tcp:" && $2 ~ /^[0-9]/ { print $11 + $12 }' /proc/net/snmp
}

# $1 = perf CSV file, $2 = event name: the count, 0 when absent or not counted.
count_of() { awk -F, -v e="$2" '$3 == e { print ($1 ~ /^[0-9.]+$/ ? $1 : 0); found = 1 } END { if (!found) print 0 }' "$1"; }

echo "== $scenario, $clients clients, warm-up $warmup s, window $duration s${gen_env:+, generator env $gen_env}; load $(cut -d' ' -f1-3 /proc/loadavg); raw: $dir"
{
printf '| generator | server | ops/s | server µs/op | gen µs/op | server user µs/op | server sys µs/op | server syscalls/op | recv/op | send/op | epoll/op | futex/op | yield/op | ctx sw/op | wake-ups by server/op | IPIs to core 0/op | IPIs to core 1/op | gen syscalls/op | gen ctx sw/op | wake-ups by gen/op | gen send/op | gen recv/op | TCP segs/op |\n'
printf '|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n'
for generator in $generators; do
  for server in $servers; do
    tag=$generator-$server
    start_server "$server"
    sleep 1
    # shellcheck disable=SC2086 # GEN_ENV is a list of NAME=value
    (export $gen_env; run_generator "$generator" --scenario "$scenario" --clients "$clients" --label "$server" \
      --server "http://127.0.0.1:$port" --server-pid "$server_pid" --warmup "$warmup" --duration "$duration") \
      > "$dir/$tag.json" 2> "$dir/$tag.err" &
    generator_pid=$!
    # The counting window sits inside the generator's: from 1 s after its warm-up to 1 s before its end. The
    # connection ramp (200 clients at 500/s) is part of the warm-up.
    sleep $((warmup + 1))
    window=$((duration - 2))
    segments_before=$(tcp_segments)
    read -r utime_before stime_before <<< "$(cpu_ticks "$server_pid")"
    perf_record=
    if [[ ${PERF_RECORD:-0} == 1 ]]; then
      perf record -q -e cpu-clock -g -p "$server_pid" -o "$dir/$tag.server.data" -- sleep "$window" > /dev/null 2>&1 &
      perf_record=$!
    fi
    perf stat -x, -e "$events" -p "$server_pid" -o "$dir/$tag.server.perf" -- sleep "$window" &
    perf_server=$!
    # Interrupts that wake a core (reschedule IPIs and function-call IPIs), per core, machine-wide.
    perf stat -x, -a -A -e irq_vectors:reschedule_entry,irq_vectors:call_function_single_entry -o "$dir/$tag.ipi.perf" \
      -- sleep "$window" > /dev/null 2>&1 &
    perf_ipi=$!
    # The generator runs in a subshell: it is that subshell's child (taskset execs it).
    generator_process=$(pgrep -P "$generator_pid" | head -1 || true)
    perf stat -x, -e "$events" -p "${generator_process:-$generator_pid}" -o "$dir/$tag.generator.perf" -- sleep "$window" > /dev/null 2>&1 || true
    wait "$perf_server" || true
    wait "$perf_ipi" || true
    segments=$(($(tcp_segments) - segments_before))
    read -r utime_after stime_after <<< "$(cpu_ticks "$server_pid")"
    if [[ -n $perf_record ]]; then wait "$perf_record" || true; fi
    if [[ ${PERF_RECORD:-0} == 1 ]]; then
      perf report -i "$dir/$tag.server.data" --no-children --sort dso,sym --stdio 2> /dev/null | grep -v '^$' | head -60 > "$dir/$tag.server.report" || true
    fi
    wait "$generator_pid" || echo "warning: $tag: the load generator reported failures" >&2
    generator_pid=
    if [[ $strace_on == 1 ]]; then
      # Second pass on the same, still warm server: a short load under strace for the kinds of calls and their errors.
      # shellcheck disable=SC2086
      (export $gen_env; run_generator "$generator" --scenario "$scenario" --clients "$clients" --label "$server" \
        --server "http://127.0.0.1:$port" --warmup 2 --duration $((strace_seconds + 3))) > /dev/null 2>&1 &
      generator_pid=$!
      sleep 3
      strace -c -f -p "$server_pid" -o "$dir/$tag.strace" > /dev/null 2>&1 &
      strace_pid=$!
      sleep "$strace_seconds"
      kill -INT "$strace_pid" 2>/dev/null || true
      wait "$strace_pid" 2>/dev/null || true
      wait "$generator_pid" 2>/dev/null || true
      generator_pid=
    fi
    stop_server

    ops_per_second=$(sed -n 's/.*"OpsPerSecond":\([0-9.e+-]*\).*/\1/p' "$dir/$tag.json")
    server_us=$(sed -n 's/.*"ServerCpuMicrosPerOp":\([0-9.e+-]*\).*/\1/p' "$dir/$tag.json")
    generator_us=$(sed -n 's/.*"LoadGeneratorCpuMicrosPerOp":\([0-9.e+-]*\).*/\1/p' "$dir/$tag.json")
    per_op() { # $1 = perf file, then event names: their sum per operation in the counting window
      local file=$1 sum=0 e
      shift
      for e in "$@"; do sum=$(awk -v a="$sum" -v b="$(count_of "$file" "$e")" 'BEGIN { print a + b }'); done
      awk -v s="$sum" -v r="${ops_per_second:-0}" -v w="$window" 'BEGIN { printf "%.2f", (r > 0 ? s / (r * w) : 0) }'
    }
    sp=$dir/$tag.server.perf
    gp=$dir/$tag.generator.perf
    ticks_per_op() { awk -v t="$1" -v r="${ops_per_second:-0}" -v w="$window" 'BEGIN { printf "%.1f", (r > 0 ? t * 1e4 / (r * w) : 0) }'; }
    ipi_per_op() { # $1 = CPU number
      awk -F, -v c="CPU$1" -v r="${ops_per_second:-0}" -v w="$window" \
        '$1 == c && $2 ~ /^[0-9]/ { s += $2 } END { printf "%.2f", (r > 0 ? s / (r * w) : 0) }' "$dir/$tag.ipi.perf"
    }
    printf '| %s | %s | %.0f | %.1f | %.1f | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n' \
      "$generator" "$server" "${ops_per_second:-0}" "${server_us:-0}" "${generator_us:-0}" \
      "$(ticks_per_op $((utime_after - utime_before)))" "$(ticks_per_op $((stime_after - stime_before)))" \
      "$(per_op "$sp" raw_syscalls:sys_enter)" \
      "$(per_op "$sp" syscalls:sys_enter_read syscalls:sys_enter_readv syscalls:sys_enter_recvfrom syscalls:sys_enter_recvmsg)" \
      "$(per_op "$sp" syscalls:sys_enter_write syscalls:sys_enter_writev syscalls:sys_enter_sendto syscalls:sys_enter_sendmsg)" \
      "$(per_op "$sp" syscalls:sys_enter_epoll_wait syscalls:sys_enter_epoll_pwait syscalls:sys_enter_epoll_pwait2)" \
      "$(per_op "$sp" syscalls:sys_enter_futex)" "$(per_op "$sp" syscalls:sys_enter_sched_yield)" \
      "$(per_op "$sp" context-switches)" "$(per_op "$sp" sched:sched_waking)" "$(ipi_per_op 0)" "$(ipi_per_op 1)" \
      "$(per_op "$gp" raw_syscalls:sys_enter)" "$(per_op "$gp" context-switches)" "$(per_op "$gp" sched:sched_waking)" \
      "$(per_op "$gp" syscalls:sys_enter_write syscalls:sys_enter_writev syscalls:sys_enter_sendto syscalls:sys_enter_sendmsg)" \
      "$(per_op "$gp" syscalls:sys_enter_read syscalls:sys_enter_readv syscalls:sys_enter_recvfrom syscalls:sys_enter_recvmsg)" \
      "$(awk -v s="$segments" -v r="${ops_per_second:-0}" -v w="$window" 'BEGIN { printf "%.2f", (r > 0 ? s / (r * w) : 0) }')"
  done
done
} | tee "$dir/table.md"
