// Command-line settings: `--name value` pairs, the same names, defaults and limits as the C# load generator
// (benchmarks/LoadGenerator/Settings.cs); every loop the scenarios run is bounded by these.
const defaults = {
  scenario: "echo",
  server: "http://127.0.0.1:7357",
  server2: "",
  label: "server",
  "server-pid": "",
  clients: 200,
  rate: 500,
  "max-pending": 64,
  warmup: 3,
  duration: 10,
  hold: 5,
  payload: 100,
  window: 4,
};

const strings = new Set(["scenario", "server", "server2", "label", "server-pid"]);

export function parseSettings(argv) {
  const values = { ...defaults };
  for (let i = 0; i < argv.length; i += 2) {
    if (!argv[i].startsWith("--") || i + 1 >= argv.length) {
      throw new Error(`expected --name value, got '${argv[i]}'`);
    }
    const name = argv[i].slice(2);
    if (!(name in defaults)) {
      throw new Error(`unknown option --${name}`);
    }
    const value = argv[i + 1];
    values[name] = strings.has(name) ? value : Number(value);
    if (!strings.has(name) && !Number.isFinite(values[name])) {
      throw new Error(`--${name} needs a number, got '${value}'`);
    }
  }

  const settings = {
    scenario: values.scenario,
    server: new URL(values.server),
    // A second server of the same cluster (the two-node broadcast): half of the receivers connect to it.
    server2: values.server2 ? new URL(values.server2) : null,
    label: values.label,
    // The servers' pids, comma-separated (both of a cluster's, added up); none to skip CPU and RSS.
    serverPids: String(values["server-pid"]).split(",").map(Number).filter((pid) => Number.isInteger(pid) && pid > 0),
    clients: Math.trunc(values.clients),
    rate: Math.trunc(values.rate),
    maxPending: Math.max(1, Math.trunc(values["max-pending"])),
    warmupSeconds: values.warmup,
    durationSeconds: values.duration,
    holdSeconds: values.hold,
    payloadLength: Math.trunc(values.payload),
    window: Math.max(1, Math.trunc(values.window)),
  };
  if (settings.clients < 1 || settings.clients > 20_000 || settings.rate < 1 ||
      settings.durationSeconds <= 0 || settings.durationSeconds > 600 ||
      settings.warmupSeconds < 0 || settings.warmupSeconds > 600 || settings.holdSeconds < 0 || settings.holdSeconds > 600) {
    throw new Error("clients must be 1..20000, rate >= 1, duration 0..600 s, warmup and hold 0..600 s");
  }
  settings.webSocketUrl = `ws://${settings.server.host}/socket.io/?EIO=4&transport=websocket`;
  settings.pollingPath = "/socket.io/?EIO=4&transport=polling";
  return settings;
}

/** The same settings with the second server as the one clients connect to. */
export function onSecondServer(settings) {
  const server = settings.server2 ?? settings.server;
  return { ...settings, server, webSocketUrl: `ws://${server.host}/socket.io/?EIO=4&transport=websocket` };
}
