#!/usr/bin/env bash
# Is a dear run dear all along, or only in some seconds, and do those seconds hold a collection? For each server in
# SERVERS, ROUNDS times, a fresh process runs the runner's connections scenario (CLIENTS clients at 500/s by GENERATOR
# after a 30 s warm-up) while the server's CPU is read from /proc once a second. Prints the generator's figure for the
# ramp, then the CPU of every second of the run in clock ticks (10 ms each): the warm-up's rounds, a pause of 2 s, the
# ramp, the hold. For ours (BenchServer with BENCH_DIAGNOSTICS=gc) a second line marks each second in which a gen1
# ("1") or gen2 ("2") collection ended, and a third gives the ticks of the background GC's thread (".NET BGC"), whose
# marking runs beside the application and is not in the GC's pause; reading them is one HTTP request a second, which
# ours' figures include.
# Usage: benchmarks/cpu-per-second.sh   (SERVERS="ours node", or with raw: Kestrel's bare WebSocket; ROUNDS=3,
#   CLIENTS=10000, GENERATOR=ws, PORT=7391; OURS_ENV="NAME=value …" for our server and the bare one, e.g.
#   DOTNET_GCgen0size=4000000)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
servers=${SERVERS:-"ours node"}
rounds=${ROUNDS:-3}
clients=${CLIENTS:-10000}
generator=${GENERATOR:-ws}
port=${PORT:-7391}
ulimit -n "$(ulimit -Hn)"
source benchmarks/lib.sh
bench_prepare > /dev/null
mkdir -p artifacts/bench
samples=artifacts/bench/cpu-per-second.txt
trap stop_server EXIT

# User plus system clock ticks of the process or thread whose stat file is $1.
ticks_of() { sed 's/.*) //' "$1" 2>/dev/null | awk '{print $12 + $13}'; }

# One line: the process's ticks, its gen1 and gen2 collections (0 0 but for ours), the BGC thread's ticks. $1 = the
# process, $2 = the server kind.
sample() {
  local ticks collections= bgc=0 task
  ticks=$(ticks_of "/proc/$1/stat") || return 0
  if [[ $2 == ours ]]; then
    collections=$(curl -s --max-time 1 "http://127.0.0.1:$port/gcstats" |
      awk '$1 == "gen1" || $1 == "gen2" { printf "%s ", $2 }') || collections=
  fi
  for task in /proc/"$1"/task/*; do
    if [[ $(cat "$task/comm" 2>/dev/null) == ".NET BGC" ]]; then
      bgc=$(ticks_of "$task/stat") || bgc=0
    fi
  done
  echo "$ticks ${collections:-0 0 }$bgc"
}

# The samples' column $1 (ticks since start) as one line of per-second differences.
per_second() {
  awk -v column="$1" 'NR > 1 && NF == 4 { printf "%d ", $column - previous } NF == 4 { previous = $column }
    END { print "" }' "$samples"
}

for round in $(seq 1 "$rounds"); do
  for server in $servers; do
    server_env=BENCH_DIAGNOSTICS=gc start_server "$server"
    sleep 1
    # Ends with the server, which stop_server ends after the generator.
    (while kill -0 "$server_pid" 2>/dev/null; do sample "$server_pid" "$server"; sleep 1; done) > "$samples" &
    sampler=$!
    result=$(run_generator "$generator" --scenario connections --server-pid "$server_pid" --clients "$clients" \
      --label "$server" --server "http://127.0.0.1:$port" --warmup 30 --rate 500)
    stop_server
    wait "$sampler" || true
    echo "== round $round, $server: $(grep -o '"ServerCpuMicrosPerOp":[0-9.]*' <<< "$result" | cut -d: -f2 |
      xargs printf '%.0f') µs per handshake over the ramp; CPU ticks per second:"
    per_second 1
    if [[ $server == ours ]]; then
      echo "-- collections that ended in each second (1: gen1, 2: gen2, .: none), then the BGC thread's ticks:"
      awk 'NR > 1 && NF == 4 { printf "%s ", ($3 > g2 ? "2" : ($2 > g1 ? "1" : ".")) } NF == 4 { g1 = $2; g2 = $3 }
        END { print "" }' "$samples"
      per_second 4
    fi
  done
done
