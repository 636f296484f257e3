#!/usr/bin/env bash
# Where ours spends what Kestrel's bare WebSocket does not, per handshake: `perf record` of each server (ours, then
# BENCH_DIAGNOSTICS=gc with BENCH_RAW=1) for WINDOW seconds in the middle of a ramp of CLIENTS handshakes at 500/s
# from GENERATOR (ws, under which ours adds most over the bare WebSocket; or dotnet), after a warm-up. Perf maps give
# every managed frame a name (ReadyToRun code off: the framework's methods are JIT-compiled and named too). Prints the
# samples of both by thread and library, by function (self; ours minus the bare one's), the thread-pool workers'
# kernel samples by system call, then ours inclusive for our own frames. Sampling costs the server CPU: compare the
# two profiles with each other, never with a benchmark.
# Usage: benchmarks/profile-handshake.sh   (CLIENTS=10000, GENERATOR=ws, WINDOW=10, TOP=30, PORT=7661; OURS_ENV=
#   "NAME=value …" for both servers, e.g. DOTNET_GCgen0size=4000000; the data ends in artifacts/bench/profile-*)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
clients=${CLIENTS:-10000}
window=${WINDOW:-10}
top=${TOP:-30}
generator=${GENERATOR:-ws}
port=${PORT:-7661}
command -v perf > /dev/null || { echo "error: perf is needed (apt-get install linux-perf)" >&2; exit 1; }
ulimit -n "$(ulimit -Hn)"
source benchmarks/lib.sh
bench_prepare > /dev/null
mkdir -p artifacts/bench
# perf writes its data outside the checkout: with it inside, our server showed a busy ".NET File Watch" thread in the
# window (the host's configuration files are watched under its content root, which is this checkout).
data=$(mktemp -d)
trap 'stop_server; rm -rf "$data"' EXIT
rate=$ramp_rate
require_ramp_outlasts_window "$clients" "$window"

# $1 = ours | raw: records $data/profile-$1.data (moved to artifacts/bench at the end).
record() {
  OURS_ENV="${OURS_ENV:-} DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0 DOTNET_ReadyToRun=0" \
    server_env="BENCH_DIAGNOSTICS=gc BENCH_RAW=$([[ $1 == raw ]] && echo 1 || echo 0)" start_server ours "-profile-$1"
  start_handshake_ramp "$clients" "$generator"
  perf record -q -F 1999 -g -p "$server_pid" -o "$data/profile-$1.data" -- sleep "$window" > /dev/null 2>&1
  wait "$ramp_pid"
  stop_server
}

record ours
record raw
for kind in ours raw; do
  perf script -i "$data/profile-$kind.data" 2> /dev/null > "artifacts/bench/profile-$kind.script"
  mv "$data/profile-$kind.data" artifacts/bench/
done
python3 - "$top" "$window" "$rate" <<'PY'
import collections
import re
import sys

top, window, rate = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
tiers = re.compile(r'\[(OptimizedTier1OSR|OptimizedTier1|Optimized|QuickJitted|Tier0|Instrumented\w*)\]|\+0x[0-9a-f]+')
frame = re.compile(r'^\s*[0-9a-f]+ (.*) \((.*)\)$')

def samples(kind):
    """Each sample as (thread, [(function, library), …] from the leaf outwards)."""
    text = open(f'artifacts/bench/profile-{kind}.script').read()
    result = []
    for block in text.split('\n\n'):
        lines = block.strip().split('\n')
        if len(lines) < 2:
            continue
        thread = re.sub(r'\s+\d+.*$', '', lines[0].strip())
        frames = []
        for line in lines[1:]:
            m = frame.match(line)
            if m:
                function, library = m.groups()
                library = 'managed' if '/perf-' in library else library.rsplit('/', 1)[-1]
                frames.append((tiers.sub('', function).strip(), library))
        if frames:
            result.append((thread, frames))
    return result

ours, raw = samples('ours'), samples('raw')
handshakes = window * rate
scale = 1e6 / 1999 / handshakes  # µs of CPU per handshake that one sample stands for

def table(title, count, limit, width=150):
    a, b = count(ours), count(raw)
    print(f'== {title}: samples ours, bare, difference; the difference in µs per handshake')
    for key in sorted(set(a) | set(b), key=lambda k: b[k] - a[k])[:limit]:
        print(f'{a[key]:6} {b[key]:6} {a[key] - b[key]:+6} {(a[key] - b[key]) * scale:+6.1f}  {key[:width]}')

print(f'== samples: ours {len(ours)}, bare {len(raw)}: {(len(ours) - len(raw)) * scale:+.0f} µs per handshake '
      f'({handshakes} handshakes in {window} s)')
table('by thread and library', lambda s: collections.Counter(f'{t} {f[0][1]}' for t, f in s), 12)
table('by function (self)', lambda s: collections.Counter(f[0][0] for _, f in s), top)

def kernel_cause(frames):
    """What a sample in the kernel was doing: its system call, a page fault, or neither (interrupts, scheduling)."""
    for function, _ in frames:
        m = re.search(r'__(?:x64|do|se)_sys_(\w+)', function)
        if m:
            return m.group(1)
    return 'page fault' if any('exc_page_fault' in f for f, _ in frames) else 'not in a system call'

table('thread-pool workers in the kernel, by cause',
      lambda s: collections.Counter(kernel_cause(f) for t, f in s if 'TP Worker' in t and f[0][1] == '[kernel.kallsyms]'), 12)

# Ours inclusive: every sample with one of our frames on its stack counts once for each of our functions on it.
inclusive = collections.Counter()
for _, frames in ours:
    for function in {f for f, _ in frames if 'SocketIo.' in f}:
        inclusive[function] += 1
print(f'== our functions, inclusive: samples, µs per handshake')
for function, n in inclusive.most_common(top):
    print(f'{n:6} {n * scale:6.1f}  {function[:150]}')
PY
