// The benchmark load generator. Usage:
//   LoadGenerator --scenario connections|broadcast|echo|polling-echo [--server http://127.0.0.1:7357]
//                 [--server-pid PID[,PID2]] [--label ours] [--clients N] [--rate R] [--duration S] ...
//   The two-node broadcast: --scenario broadcast --server URL --server2 URL2 --server-pid PID,PID2 (a cluster of two
//   servers on one Redis; half of the receivers on each, the sender on the first).
//   LoadGenerator summarize results.jsonl [chart.dat]
// A scenario prints one JSON line (the figures) on stdout and a readable line on stderr.
using System.Text.Json;
using LoadGenerator;

if (args.Length >= 2 && args[0] == "summarize")
{
    return Summary.Print(args[1], args.Length > 2 ? args[2] : null);
}

var settings = Settings.Parse(args);
var server = settings.ServerPids.Length > 0 ? new ProcessProbe(settings.ServerPids) : null;
var result = settings.Scenario switch
{
    "connections" => await ConnectionsScenario.RunAsync(settings, server),
    "broadcast" => await BroadcastScenario.RunAsync(settings, server),
    "echo" => await EchoScenario.RunAsync(settings, server),
    "polling-echo" => await PollingEchoScenario.RunAsync(settings, server),
    _ => throw new ArgumentException($"unknown scenario '{settings.Scenario}'"),
};

Console.Error.WriteLine(
    $"{result.Label} {result.Scenario} clients={result.Clients}: {result.Operations} ops in {result.Seconds:F1} s " +
    $"({result.OpsPerSecond:F0}/s), server {result.ServerCpuMicrosPerOp:F1} µs CPU/op, " +
    $"load generator {result.LoadGeneratorCpuMicrosPerOp:F1} µs CPU/op, p50 {result.P50Ms:F2} ms, p99 {result.P99Ms:F2} ms" +
    (result.RssAfterKiB > 0 ? $", RSS {result.RssBeforeKiB}→{result.RssAfterKiB} KiB ({result.KiBPerConnection:F1} KiB/conn)" : "") +
    $", failures {result.Failures}");
Console.WriteLine(JsonSerializer.Serialize(result, Summary.Json));
return result.Failures == 0 ? 0 : 2;
