using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace LoadGenerator;

/// <summary>
/// Reads the runner's JSON lines and prints, per scenario and figure, the median over runs with its spread
/// (min–max) for our server and for Node, and the ratio of the medians (us/Node). Optionally writes the ratios of the
/// headline figures as a gnuplot data file.
/// </summary>
internal static class Summary
{
    public static readonly JsonSerializerOptions Json = new() { NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals };

    /// <summary>Per scenario: (JSON property, caption, the chart's short label or null when not charted).</summary>
    private static readonly (string Scenario, string Property, string Caption, string? Chart)[] Figures =
    [
        ("connections", "ServerCpuMicrosPerOp", "server CPU µs / handshake", "CPU/handshake"),
        ("connections", "KiBPerConnection", "server RSS KiB / idle connection", "RSS/idle conn"),
        ("connections", "P50Ms", "handshake p50 ms", null),
        ("connections", "P99Ms", "handshake p99 ms", null),
        ("connections", "LoadGeneratorCpuMicrosPerOp", "load generator CPU µs / handshake", null),
        ("broadcast", "ServerCpuMicrosPerOp", "server CPU µs / delivery", "CPU/delivery"),
        ("broadcast", "OpsPerSecond", "deliveries / s", null),
        ("broadcast", "P50Ms", "latency p50 ms", null),
        ("broadcast", "P99Ms", "latency p99 ms", null),
        ("broadcast", "LoadGeneratorCpuMicrosPerOp", "load generator CPU µs / delivery", null),
        ("echo", "ServerCpuMicrosPerOp", "server CPU µs / round trip", "CPU/round trip"),
        ("echo", "OpsPerSecond", "acks / s", null),
        ("echo", "P50Ms", "round trip p50 ms", null),
        ("echo", "P99Ms", "round trip p99 ms", null),
        ("echo", "LoadGeneratorCpuMicrosPerOp", "load generator CPU µs / round trip", null),
        ("polling-echo", "ServerCpuMicrosPerOp", "server CPU µs / round trip", "CPU/round trip"),
        ("polling-echo", "OpsPerSecond", "acks / s", null),
        ("polling-echo", "P50Ms", "round trip p50 ms", null),
        ("polling-echo", "P99Ms", "round trip p99 ms", null),
        ("polling-echo", "LoadGeneratorCpuMicrosPerOp", "load generator CPU µs / round trip", null),
    ];

    public static int Print(string resultsPath, string? chartPath)
    {
        var rows = File.ReadLines(resultsPath)
            .Where(l => l.StartsWith('{'))
            .Select(l => JsonDocument.Parse(l).RootElement)
            .ToList();
        var chart = new StringBuilder();
        Console.WriteLine("| scenario | clients | figure | ours (median, min–max) | Node (median, min–max) | us/Node |");
        Console.WriteLine("|---|---:|---|---:|---:|---:|");
        foreach (var group in rows.GroupBy(r => (Scenario: r.GetProperty("Scenario").GetString()!, Clients: r.GetProperty("Clients").GetInt32())))
        {
            foreach (var figure in Figures.Where(f => f.Scenario == group.Key.Scenario))
            {
                var ours = Values(group, "ours", figure.Property);
                var node = Values(group, "node", figure.Property);
                var ratio = Median(ours) / Median(node);
                Console.WriteLine(
                    $"| {group.Key.Scenario} | {group.Key.Clients} | {figure.Caption} | {Describe(ours)} | {Describe(node)} | {Format(ratio)} |");
                if (figure.Chart is not null && chartPath is not null)
                {
                    var name = $"{figure.Chart}\\n{group.Key.Scenario} {group.Key.Clients}";
                    chart.AppendLine(CultureInfo.InvariantCulture, $"\"{name}\" {Format(ratio)}");
                }
            }
        }

        if (chartPath is not null)
        {
            File.WriteAllText(chartPath, chart.ToString());
        }

        return 0;
    }

    private static List<double> Values(IEnumerable<JsonElement> rows, string label, string property)
        => rows.Where(r => r.GetProperty("Label").GetString() == label)
            .Select(r => r.GetProperty(property))
            .Select(v => v.ValueKind == JsonValueKind.Number ? v.GetDouble() : double.NaN)
            .Where(v => !double.IsNaN(v))
            .Order()
            .ToList();

    private static double Median(List<double> sorted)
        => sorted.Count == 0 ? double.NaN
            : sorted.Count % 2 == 1 ? sorted[sorted.Count / 2]
            : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;

    private static string Describe(List<double> sorted)
        => sorted.Count == 0 ? "–" : $"{Format(Median(sorted))} ({Format(sorted[0])}–{Format(sorted[^1])}, n={sorted.Count})";

    private static string Format(double value)
        => double.IsNaN(value) ? "–"
            : Math.Abs(value) >= 100 ? value.ToString("F0", CultureInfo.InvariantCulture)
            : Math.Abs(value) >= 10 ? value.ToString("F1", CultureInfo.InvariantCulture)
            : value.ToString("F2", CultureInfo.InvariantCulture);
}
