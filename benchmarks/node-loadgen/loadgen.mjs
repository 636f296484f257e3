// The second benchmark load generator, on Node's `ws` package: the C# generator's scenarios, options and JSON
// result lines (benchmarks/LoadGenerator), so every figure can be taken by both. Usage:
//   node benchmarks/node-loadgen/loadgen.mjs --scenario connections|broadcast|echo|polling-echo
//        [--server http://127.0.0.1:7357] [--server-pid PID[,PID2]] [--label ours] [--clients N] [--rate R] [--duration S] ...
//   The two-node broadcast: --scenario broadcast --server URL --server2 URL2 --server-pid PID,PID2 (two servers of one
//   cluster on one Redis; half of the receivers on each, the sender on the first).
// Prints one JSON line (the figures) on stdout and a readable line on stderr; exits 2 if anything failed.
import { runBroadcast } from "./src/broadcast-scenario.mjs";
import { runConnections } from "./src/connections-scenario.mjs";
import { runEcho } from "./src/echo-scenario.mjs";
import { runPollingEcho } from "./src/polling-echo-scenario.mjs";
import { ProcessProbe } from "./src/process-probe.mjs";
import { describe, toJsonLine } from "./src/result.mjs";
import { parseSettings } from "./src/settings.mjs";

const scenarios = {
  connections: runConnections,
  broadcast: runBroadcast,
  echo: runEcho,
  "polling-echo": runPollingEcho,
};

const settings = parseSettings(process.argv.slice(2));
const run = scenarios[settings.scenario];
if (!run) {
  console.error(`unknown scenario '${settings.scenario}'`);
  process.exit(1);
}

// A last bound on the whole run: the longest any scenario may take (ramps, warm-up, window, hold, the waits for
// joins and closes) plus a margin. Past it the scenario has hung: report and exit 2.
const limitSeconds = settings.clients / settings.rate + settings.warmupSeconds + settings.durationSeconds +
  settings.holdSeconds + 2 * 120 + 60 + 30 + 60;
const watchdog = setTimeout(() => {
  console.error(`${settings.label} ${settings.scenario}: no result after ${limitSeconds.toFixed(0)} s, giving up`);
  process.exit(2);
}, limitSeconds * 1000);
watchdog.unref();

const server = settings.serverPids.length > 0 ? new ProcessProbe(settings.serverPids) : null;
const result = await run(settings, server);
console.error(describe(result));
console.log(toJsonLine(result));
// Sockets still closing must not hold the process: the figures are out.
process.exit(result.Failures === 0 ? 0 : 2);
