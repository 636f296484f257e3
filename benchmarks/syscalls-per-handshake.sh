#!/usr/bin/env bash
# What a handshake asks of the kernel: `perf stat` of the server's system calls by kind, context switches and page
# faults over WINDOW seconds in the middle of a ramp of CLIENTS handshakes at 500/s from GENERATOR, after a warm-up,
# for each server in SERVERS (ours, raw: Kestrel's bare WebSocket, node), each on a fresh process. Each count is
# divided by the handshakes of the window. Counts, not time: the calls the protocol makes (accepts, reads, writes,
# epoll registrations) come out the same run after run; the thread wake-ups (futex, context switches, yields) and
# the page faults depend on timing and on where the collections fall, so compare those within one run of this
# script. (benchmarks/probe.sh counts steady scenarios on one warm server; a handshake needs a fresh ramp.)
# Usage: benchmarks/syscalls-per-handshake.sh   (SERVERS="ours raw node", CLIENTS=10000, GENERATOR=ws, WINDOW=10,
#   PORT=7662; OURS_ENV="NAME=value …" for our server and the bare one, OURS_EXE another build of BenchServer)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
servers=${SERVERS:-"ours raw node"}
clients=${CLIENTS:-10000}
window=${WINDOW:-10}
generator=${GENERATOR:-ws}
port=${PORT:-7662}
command -v perf > /dev/null || { echo "error: perf is needed (apt-get install linux-perf)" >&2; exit 1; }
ulimit -n "$(ulimit -Hn)"
source benchmarks/lib.sh
bench_prepare > /dev/null
mkdir -p artifacts/bench
trap stop_server EXIT
rate=$ramp_rate
require_ramp_outlasts_window "$clients" "$window"

events=context-switches,page-faults
for call in futex sendto sendmsg write writev recvfrom recvmsg read readv epoll_ctl epoll_wait epoll_pwait \
  epoll_pwait2 accept4 setsockopt getsockopt mprotect madvise mmap munmap sched_yield close; do
  events+=,syscalls:sys_enter_$call
done

for server in $servers; do
  start_server "$server" "-syscalls"
  start_handshake_ramp "$clients" "$generator"
  perf stat -x, -e "$events" -p "$server_pid" -- sleep "$window" 2> "artifacts/bench/syscalls-$server.csv" > /dev/null
  wait "$ramp_pid"
  stop_server
  echo "== $server: per handshake ($((window * rate)) in the window), $generator generator, $clients clients"
  awk -F, -v n=$((window * rate)) '$1 ~ /^[0-9]+$/ && $1 > 0 { sub(/^syscalls:sys_enter_/, "", $3); printf "  %8.2f  %s\n", $1 / n, $3 }' \
    "artifacts/bench/syscalls-$server.csv"
done
