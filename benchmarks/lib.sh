# Shared by run.sh and probe.sh (sourced, not run): the builds, the two servers and the two load generators, each
# started pinned to its core, and stopped only by the PID this shell started.
# Needs: $port (and $redis_port for a cluster). Sets: $server_pid (and $server2_pid, $redis_pid for a cluster).

export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1
ours_dll=testassets/BenchServer/bin/Release/net10.0/BenchServer.dll
# OURS_EXE (optional): another build of BenchServer to run as "ours": a dll (run by dotnet, e.g. a ReadyToRun publish)
# or a native executable (a Native AOT publish). benchmarks/variants.sh uses it.
ours_exe=${OURS_EXE:-}
loadgen_dll=benchmarks/LoadGenerator/bin/Release/net10.0/LoadGenerator.dll
node_loadgen=benchmarks/node-loadgen/loadgen.mjs

# npm packages (the Node server's socket.io, the Node generator's ws) and Release builds of both .NET programs.
bench_prepare() {
  local dir
  for dir in tests/interop benchmarks/node-loadgen; do
    if [[ ! -f $dir/node_modules/.package-lock.json ]]; then
      (cd "$dir" && npm ci --no-audit --no-fund)
    fi
  done
  echo "== build (Release)"
  dotnet build testassets/BenchServer -c Release -v quiet -nologo
  dotnet build benchmarks/LoadGenerator -c Release -v quiet -nologo
}

server_pid=
server2_pid= # the second server of a two-node cluster
redis_pid=   # the redis-server of a two-node cluster

# $1 = a pid this shell started: TERM, then KILL after 10 s.
stop_pid() {
  if [[ -n $1 ]] && kill -0 "$1" 2>/dev/null; then
    kill -TERM "$1" 2>/dev/null || true
    for _ in $(seq 1 100); do # at most 10 s, then SIGKILL
      kill -0 "$1" 2>/dev/null || break
      sleep 0.1
    done
    kill -KILL "$1" 2>/dev/null || true
    wait "$1" 2>/dev/null || true
  fi
}

stop_server() {
  stop_pid "$server_pid"
  stop_pid "$server2_pid"
  stop_pid "$redis_pid"
  server_pid= server2_pid= redis_pid=
}

# $1 = ours | raw (Kestrel's bare WebSocket: ours with BENCH_DIAGNOSTICS=raw) | node | node-raw (a bare ws server,
# benchmarks/node/raw-ws-server.mjs): starts that server on core 0 and waits (at most 20 s) for "Now listening on".
# $server_env ("NAME=value …", optional) is set for the server only, and $OURS_ENV (the same form, optional) for our
# server only (raw included), e.g. OURS_ENV=DOTNET_GCgen0size=4000000; $2 (optional) names its log apart from
# another one's.
start_server() {
  local log=artifacts/bench/server-$1${2:-}.log
  # shellcheck disable=SC2086 # server_env is a list of NAME=value
  case $1 in
    ours | raw)
      local command=(dotnet "$ours_dll") floor=
      if [[ $ours_exe == *.dll ]]; then command=(dotnet "$ours_exe"); elif [[ -n $ours_exe ]]; then command=("$ours_exe"); fi
      [[ $1 == raw ]] && floor=BENCH_DIAGNOSTICS=raw
      (export ${OURS_ENV:-} ${server_env:-} $floor HOST=127.0.0.1 PORT=$port; exec taskset -c 0 "${command[@]}") > "$log" 2>&1 & ;;
    node) (export ${server_env:-} HOST=127.0.0.1 PORT=$port; exec taskset -c 0 node benchmarks/node/bench-server.mjs) > "$log" 2>&1 & ;;
    node-raw) (export ${server_env:-} HOST=127.0.0.1 PORT=$port; exec taskset -c 0 node benchmarks/node/raw-ws-server.mjs) > "$log" 2>&1 & ;;
    *) echo "error: unknown server '$1'" >&2; exit 1 ;;
  esac
  server_pid=$!
  for _ in $(seq 1 200); do
    if grep -q "Now listening on" "$log" 2>/dev/null; then
      return 0
    fi
    kill -0 "$server_pid" 2>/dev/null || break
    sleep 0.1
  done
  echo "error: the $1 server did not start; see $log" >&2
  exit 1
}

# $1 = dotnet | ws, then the load generator's options: runs that generator on core 1 in the foreground.
run_generator() {
  local generator=$1
  shift
  case $generator in
    dotnet) taskset -c 1 dotnet "$loadgen_dll" "$@" ;;
    ws) taskset -c 1 node "$node_loadgen" "$@" ;;
    *) echo "error: unknown generator '$generator'" >&2; return 1 ;;
  esac
}

# For the per-handshake scripts, with our server started on $port: a warm-up connections run of 500 clients, then a
# second run of $1 clients at 500/s held for 30 s (one warm-up round opened and closed, a pause of 2 s, the ramp, the
# hold), both by the generator $GENERATOR (dotnet unless set). Runs the command $3… before the second run and again
# $2 seconds after the ramp's expected end, during the hold; sets $ramp_before and $ramp_after to their outputs and
# $ramp_handshakes to the handshakes between them: $1 plus the generator's warm-up round, min(500, $1).
snapshots_around_ramp() {
  local clients=$1 settle=$2 rate=500 generator_pid generator=${GENERATOR:-dotnet}
  shift 2
  local options=(--scenario connections --server "http://127.0.0.1:$port" --rate "$rate")
  run_generator "$generator" "${options[@]}" --clients 500 --warmup 20 --hold 1 > /dev/null
  ramp_before=$("$@")
  run_generator "$generator" "${options[@]}" --clients "$clients" --warmup 0 --hold 30 > /dev/null &
  generator_pid=$!
  sleep "$(((clients / rate) + 3 + settle))"
  ramp_after=$("$@")
  wait "$generator_pid"
  ramp_handshakes=$((clients + (clients < 500 ? clients : 500)))
}

# For the scripts that measure a window in the middle of a ramp of handshakes at ramp_rate per second, with a server
# just started on $port: exits unless a ramp of $1 clients outlasts a window of $2 seconds by 4 s.
ramp_rate=500
require_ramp_outlasts_window() {
  if (($1 / ramp_rate < $2 + 4)); then
    echo "error: the ramp ($(($1 / ramp_rate)) s) must outlast the window ($2 s) by 4 s" >&2
    exit 1
  fi
}

# Then: a warm-up connections run of 500 clients, and a second run of $1 clients by generator $2, held 5 s, in the
# background (its pid in $ramp_pid); returns 3 s into the ramp, past the seconds where the thread pool still grows.
start_handshake_ramp() {
  local options=(--scenario connections --server "http://127.0.0.1:$port" --rate "$ramp_rate")
  run_generator "$2" "${options[@]}" --clients 500 --warmup 20 --hold 1 > /dev/null
  run_generator "$2" "${options[@]}" --clients "$1" --warmup 0 --hold 5 > /dev/null &
  ramp_pid=$!
  sleep 3
}

# Prints what two of BenchServer's /allocations snapshots (BENCH_DIAGNOSTICS=alloc) differ by, per operation: the
# exact bytes, then the $4 types that allocated most (sampled by the runtime). $1 = label, $2 = operations between
# the snapshots, $3 = what one is called ("handshake"), $5 and $6 = the snapshots before and after.
print_allocations() {
  python3 - "$@" <<'PY'
import sys
label, operations, unit, top, before, after = sys.argv[1], int(sys.argv[2]), sys.argv[3], int(sys.argv[4]), sys.argv[5], sys.argv[6]
def parse(text):
    lines = text.strip().splitlines()
    return int(lines[0].split()[1]), {t: int(b) for b, t in (l.split(' ', 1) for l in lines[1:])}
t0, a = parse(before)
t1, b = parse(after)
print(f"== {label}: {(t1 - t0) / operations:,.0f} bytes allocated per {unit} ({operations} {unit}s)")
for bytes_, t in sorted(((b.get(t, 0) - a.get(t, 0), t) for t in b), reverse=True)[:top]:
    print(f"{bytes_ / operations:8,.1f}  {t}")
PY
}

# A redis-server on $redis_port, core 0, without persistence; waits (at most 10 s) until it answers. Sets $redis_pid.
start_redis() {
  taskset -c 0 redis-server --port "$redis_port" --bind 127.0.0.1 --save "" --appendonly no > artifacts/bench/redis.log 2>&1 &
  redis_pid=$!
  for _ in $(seq 1 100); do
    redis-cli -p "$redis_port" ping > /dev/null 2>&1 && break
    sleep 0.1
  done
}

# $1 = ours | node: a two-node cluster on core 0: a redis-server on $redis_port, and two servers of that kind on it
# ($port, the first, and $port+1), each with REDIS set. Sets $server_pid, $server2_pid and $redis_pid.
start_cluster() {
  start_redis
  local first_port=$port
  port=$((first_port + 1)) server_env="REDIS=127.0.0.1:$redis_port" start_server "$1" -2
  server2_pid=$server_pid
  port=$first_port server_env="REDIS=127.0.0.1:$redis_port" start_server "$1"
}
