// Checks the harness itself, without a server: prints JSON lines the way the scenarios do.
// Usage: node selfcheck.mjs [ok|crash|hang|noise]
//   ok    - `ready` (with the engine.io-client protocol, so node_modules is proven installed), then `tick` 1..3
//           10 ms apart, then `done`; exit 0.
//   crash - `ready`, then throws: exit code 1 and a stack trace on stderr.
//   hang  - `ready`, then waits forever: the harness must kill it at its timeout.
//   noise - `ready`, a line that is not JSON, a line on stderr, then `done`.
import { protocol } from "engine.io-client";

const mode = process.argv[2] ?? "ok";
const report = (event, fields = {}) => process.stdout.write(JSON.stringify({ event, ...fields }) + "\n");

report("ready", { mode, protocol, node: process.version });
switch (mode) {
  case "ok":
    for (let i = 1; i <= 3; i++) {
      await new Promise((resolve) => setTimeout(resolve, 10));
      report("tick", { n: i });
    }
    report("done");
    break;
  case "crash":
    throw new Error("selfcheck crash on purpose");
  case "hang":
    setInterval(() => {}, 1000);
    break;
  case "noise":
    process.stdout.write("not json\n");
    process.stderr.write("a line on stderr\n");
    report("done");
    break;
  default:
    throw new Error(`unknown mode ${mode}`);
}
