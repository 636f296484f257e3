// The start of a measurement window: wall clock, the server's CPU and ours (process.cpuUsage: every thread of this
// process, like the C# generator's TotalProcessorTime).
import { performance } from "node:perf_hooks";
import { delay } from "./clock.mjs";
import { makeResult } from "./result.mjs";

export class Meter {
  constructor(server) {
    this.server = server;
    this.serverCpu = server ? server.cpuSeconds() : 0;
    this.ownCpu = process.cpuUsage();
    this.start = performance.now();
  }

  get elapsedSeconds() {
    return (performance.now() - this.start) / 1000;
  }

  get serverCpuSeconds() {
    return (this.server ? this.server.cpuSeconds() : 0) - this.serverCpu;
  }

  get ownCpuSeconds() {
    const used = process.cpuUsage(this.ownCpu);
    return (used.user + used.system) / 1e6;
  }

  /** Ends a steady-state window: reads the clocks, stops recording latency, gives the scenario's figures. */
  finish(scenario, settings, operations, latency, failures) {
    const seconds = this.elapsedSeconds;
    const serverCpuSeconds = this.serverCpuSeconds;
    const loadGeneratorCpuSeconds = this.ownCpuSeconds;
    latency.recording = false;
    return makeResult({
      scenario,
      label: settings.label,
      clients: settings.clients,
      operations,
      seconds,
      serverCpuSeconds,
      loadGeneratorCpuSeconds,
      p50Ms: latency.percentileMs(0.5),
      p99Ms: latency.percentileMs(0.99),
      failures,
    });
  }
}

/**
 * The closed-loop scenarios' steady state: waits out the warm-up, then measures one window, counting what
 * `operations()` adds in it. `failures()` is read at the end, so it can include clients lost during the window.
 */
export async function measureSteadyState(scenario, settings, server, latency, operations, failures) {
  await delay(settings.warmupSeconds * 1000);
  const before = operations();
  latency.recording = true;
  const meter = new Meter(server);
  await delay(settings.durationSeconds * 1000);
  return meter.finish(scenario, settings, operations() - before, latency, failures());
}
