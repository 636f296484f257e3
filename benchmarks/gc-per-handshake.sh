#!/usr/bin/env bash
# Where a handshake's CPU goes as held connections pile up: for each N in COUNTS, a fresh BenchServer
# (BENCH_DIAGNOSTICS=gc, core 0) is warmed with a connections run, then a second run opens N clients at 500/s and holds
# them. Between a snapshot before that run and one at the end of its ramp it prints, per handshake: the process's CPU
# (user and system), the GC's pauses (the runtime's own total; on one core a pause is CPU spent collecting), the
# collections, the bytes allocated, the thread-pool work items (thread hops), lock contentions and page faults (new
# memory touched: the kernel maps a page on its first use), and the CPU of the threads by name that lived through both
# snapshots, with how many of each name are alive at the end (thread-pool workers come and go, so theirs is a lower
# bound; the background GC's marking runs on ".NET BGC"). No listener is attached, so nothing here costs the GC time it
# measures.
# Usage: benchmarks/gc-per-handshake.sh   (COUNTS="5000 10000", PORT=7659, GENERATOR=dotnet or ws; OURS_ENV=
#   "NAME=value …" for the server, e.g. DOTNET_GCgen0size=4000000; OURS_EXE another build of BenchServer; RAW=1
#   measures Kestrel's bare WebSocket instead of ours)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
counts=${COUNTS:-"5000 10000"}
port=${PORT:-7659}
raw=${RAW:-0}
ulimit -n "$(ulimit -Hn)"
source benchmarks/lib.sh
bench_prepare > /dev/null
mkdir -p artifacts/bench
trap stop_server EXIT

# "name user-ticks system-ticks" per thread of $1, then the process's line and the GC totals.
snapshot() {
  local task name ticks
  for task in /proc/"$1"/task/*; do
    # A thread that exits meanwhile is skipped, quietly (stderr goes first, so a failed `<` is silenced too). comm may
    # hold spaces (".NET TP Worker"): the CPU fields are counted from after its closing parenthesis.
    name=$(tr ' ' '_' 2>/dev/null < "$task/comm") || continue
    ticks=$(sed 's/.*) //' "$task/stat" 2>/dev/null | awk '{print $12, $13}') || continue
    if [[ -n $name && -n $ticks ]]; then printf '%s %s\n' "$name" "$ticks"; fi
  done
  echo "process $(sed 's/.*) //' "/proc/$1/stat" | awk '{print $12, $13, $8}')" # user and system ticks, minor faults
  curl -s "http://127.0.0.1:$port/gcstats"
}

for clients in $counts; do
  server_env="BENCH_DIAGNOSTICS=gc BENCH_RAW=$raw" start_server ours "-gc-$clients"
  # The second snapshot 1 s after the ramp, at the start of the hold.
  snapshots_around_ramp "$clients" 1 snapshot "$server_pid"
  stop_server
  BEFORE=$ramp_before AFTER=$ramp_after python3 - "$clients" "$ramp_handshakes" "$(getconf CLK_TCK)" "$raw" <<'PY'
import os
import sys
from collections import defaultdict

clients, handshakes, hz, raw = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), sys.argv[4] == '1'

def parse(text):
    threads, totals, alive = defaultdict(lambda: [0, 0]), {}, defaultdict(int)
    for line in text.strip().splitlines():
        name, *values = line.split(' ')
        if name == 'process':
            totals[name] = [int(v) for v in values]
        elif name in ('pause_us', 'gen0', 'gen1', 'gen2', 'allocated', 'work_items', 'contentions'):
            totals[name] = int(values[0])
        else:
            threads[name][0] += int(values[0])
            threads[name][1] += int(values[1])
            alive[name] += 1
    return threads, totals, alive

t0, a, _ = parse(os.environ['BEFORE'])
t1, b, alive = parse(os.environ['AFTER'])
per_handshake = lambda ticks: ticks * 1e6 / hz / handshakes
user, system = (per_handshake(b['process'][i] - a['process'][i]) for i in (0, 1))
cpu = user + system
pause = (b['pause_us'] - a['pause_us']) / handshakes
server = 'bare Kestrel WebSocket' if raw else 'ours'
print(f"== {server}, {clients} clients ({handshakes} handshakes): {cpu:.0f} µs CPU per handshake (user {user:.0f}, "
      f"system {system:.0f}), GC pauses {pause:.0f} µs ({pause / cpu:.0%}); collections gen0/gen1/gen2: "
      f"{b['gen0'] - a['gen0']}/{b['gen1'] - a['gen1']}/{b['gen2'] - a['gen2']}; "
      f"{(b['allocated'] - a['allocated']) / handshakes:,.0f} bytes allocated per handshake; "
      # A build from before these two counts (OURS_EXE) reports neither: 0.
      f"{(b.get('work_items', 0) - a.get('work_items', 0)) / handshakes:.1f} thread-pool work items and "
      f"{(b.get('contentions', 0) - a.get('contentions', 0)) / handshakes:.2f} lock contentions and "
      f"{(b['process'][2] - a['process'][2]) / handshakes:.1f} page faults per handshake")
for name in sorted(t1, key=lambda n: sum(t0.get(n, [0, 0])) - sum(t1[n])):
    u, s = (per_handshake(t1[name][i] - t0.get(name, [0, 0])[i]) for i in (0, 1))
    if u + s >= 1:
        print(f"{u + s:8.0f} µs  {name} (user {u:.0f}, system {s:.0f}; {alive[name]} alive at the end)")
PY
done
