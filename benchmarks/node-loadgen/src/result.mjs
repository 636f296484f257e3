// One scenario's figures, with the property names and derived figures of the C# load generator's Result, so
// `LoadGenerator summarize` reads both generators' lines alike. Generator tells them apart.
export const generatorName = "ws";

export function makeResult(fields) {
  const r = {
    Scenario: fields.scenario,
    Label: fields.label,
    Generator: generatorName,
    Clients: fields.clients,
    Operations: fields.operations,
    Seconds: fields.seconds,
    ServerCpuSeconds: fields.serverCpuSeconds,
    LoadGeneratorCpuSeconds: fields.loadGeneratorCpuSeconds,
    P50Ms: fields.p50Ms,
    P99Ms: fields.p99Ms,
    RssBeforeKiB: fields.rssBeforeKiB ?? 0,
    RssAfterKiB: fields.rssAfterKiB ?? 0,
    Failures: fields.failures,
  };
  r.OpsPerSecond = r.Seconds > 0 ? r.Operations / r.Seconds : 0;
  r.ServerCpuMicrosPerOp = r.Operations > 0 ? (r.ServerCpuSeconds * 1e6) / r.Operations : NaN;
  r.LoadGeneratorCpuMicrosPerOp = r.Operations > 0 ? (r.LoadGeneratorCpuSeconds * 1e6) / r.Operations : NaN;
  r.KiBPerConnection = r.RssAfterKiB > 0 && r.Operations > 0 ? (r.RssAfterKiB - r.RssBeforeKiB) / r.Operations : NaN;
  return r;
}

/** One JSON line; NaN and infinities as the strings System.Text.Json writes for them. */
export function toJsonLine(result) {
  return JSON.stringify(result, (_, v) => (typeof v === "number" && !Number.isFinite(v) ? String(v) : v));
}

/** The readable line on stderr, as the C# generator prints it. */
export function describe(r) {
  const f1 = (v) => (Number.isFinite(v) ? v.toFixed(1) : String(v));
  const f2 = (v) => (Number.isFinite(v) ? v.toFixed(2) : String(v));
  const rss = r.RssAfterKiB > 0
    ? `, RSS ${r.RssBeforeKiB}→${r.RssAfterKiB} KiB (${f1(r.KiBPerConnection)} KiB/conn)`
    : "";
  return `${r.Label} ${r.Scenario} clients=${r.Clients} [${r.Generator}]: ${r.Operations} ops in ${f1(r.Seconds)} s ` +
    `(${r.OpsPerSecond.toFixed(0)}/s), server ${f1(r.ServerCpuMicrosPerOp)} µs CPU/op, ` +
    `load generator ${f1(r.LoadGeneratorCpuMicrosPerOp)} µs CPU/op, p50 ${f2(r.P50Ms)} ms, p99 ${f2(r.P99Ms)} ms${rss}, ` +
    `failures ${r.Failures}`;
}
