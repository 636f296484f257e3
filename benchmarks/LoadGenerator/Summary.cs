using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace LoadGenerator;

/// <summary>
/// Reads the runner's JSON lines and prints, per scenario and figure, for each load generator that measured (the C#
/// one and the ws one), the median over runs with its spread (min–max) for our server and for Node and the ratio of
/// the medians (us/Node); with both generators, also the worse of the two ratios, the one the goals are judged by.
/// Where the runner also measured Kestrel's bare WebSocket (label <c>raw</c>), each generator's columns add that
/// floor and its ratio to Node, which is not judged. Optionally writes the judged ratios of the headline figures,
/// each with its goal (and the floor's ratio by the same generator, where measured), as a gnuplot data file.
/// </summary>
internal static class Summary
{
    public static readonly JsonSerializerOptions Json = new() { NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals };

    /// <summary>
    /// Captions of the two generators, in column order; lines written before there were two are C#. Any other name
    /// (probe.sh's variants, e.g. <c>dotnet:inline</c>) gets a column of its own after them, captioned as named.
    /// </summary>
    private static readonly (string Name, string Caption)[] Generators = [("dotnet", "C#"), ("ws", "ws")];

    /// <summary>
    /// Per scenario: (JSON property, caption, the chart's short label or null when not charted). Charted figures carry
    /// the goal for ours / Node that the chart marks over their bar (issue 11's: echo 0.7, handshake 0.8, memory 1.0,
    /// broadcast 0.3).
    /// </summary>
    private static readonly (string Scenario, string Property, string Caption, (string Label, double Goal)? Chart)[] Figures =
    [
        ("connections", "ServerCpuMicrosPerOp", "server CPU µs / handshake", ("CPU/handshake", 0.8)),
        ("connections", "KiBPerConnection", "server RSS KiB / idle connection", ("RSS/idle conn", 1.0)),
        ("connections", "P50Ms", "handshake p50 ms", null),
        ("connections", "P99Ms", "handshake p99 ms", null),
        ("connections", "LoadGeneratorCpuMicrosPerOp", "load generator CPU µs / handshake", null),
        ("broadcast", "ServerCpuMicrosPerOp", "server CPU µs / delivery", ("CPU/delivery", 0.3)),
        ("broadcast", "OpsPerSecond", "deliveries / s", null),
        ("broadcast", "P50Ms", "latency p50 ms", null),
        ("broadcast", "P99Ms", "latency p99 ms", null),
        ("broadcast", "LoadGeneratorCpuMicrosPerOp", "load generator CPU µs / delivery", null),
        ("broadcast-2nodes", "ServerCpuMicrosPerOp", "both servers' CPU µs / delivery", ("CPU/delivery", 0.3)),
        ("broadcast-2nodes", "OpsPerSecond", "deliveries / s", null),
        ("broadcast-2nodes", "P50Ms", "latency p50 ms", null),
        ("broadcast-2nodes", "P99Ms", "latency p99 ms", null),
        ("echo", "ServerCpuMicrosPerOp", "server CPU µs / round trip", ("CPU/round trip", 0.7)),
        ("echo", "OpsPerSecond", "acks / s", null),
        ("echo", "P50Ms", "round trip p50 ms", null),
        ("echo", "P99Ms", "round trip p99 ms", null),
        ("echo", "LoadGeneratorCpuMicrosPerOp", "load generator CPU µs / round trip", null),
        ("polling-echo", "ServerCpuMicrosPerOp", "server CPU µs / round trip", ("CPU/round trip", 0.7)),
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
        var generators = Generators.Where(g => rows.Any(r => GeneratorOf(r) == g.Name))
            .Concat(rows.Select(GeneratorOf).Distinct().Where(n => !Generators.Any(g => g.Name == n)).Select(n => (Name: n, Caption: n)))
            .ToList();
        var judged = generators.Count > 1;
        var floor = rows.Any(r => r.GetProperty("Label").GetString() == "raw");
        var header = new StringBuilder("| scenario | clients | figure |");
        var rule = new StringBuilder("|---|---:|---|");
        foreach (var (_, caption) in generators)
        {
            header.Append(CultureInfo.InvariantCulture, $" ours, {caption} (median, min–max) | Node, {caption} (median, min–max) | us/Node, {caption} |");
            rule.Append("---:|---:|---:|");
            if (floor)
            {
                header.Append(CultureInfo.InvariantCulture, $" bare WebSocket, {caption} (median, min–max) | bare/Node, {caption} |");
                rule.Append("---:|---:|");
            }
        }

        if (judged)
        {
            header.Append(" us/Node, the worse |");
            rule.Append("---:|");
        }

        Console.WriteLine(header);
        Console.WriteLine(rule);
        var chart = new StringBuilder();
        foreach (var group in rows.GroupBy(r => (Scenario: r.GetProperty("Scenario").GetString()!, Clients: r.GetProperty("Clients").GetInt32())))
        {
            foreach (var figure in Figures.Where(f => f.Scenario == group.Key.Scenario))
            {
                var line = new StringBuilder($"| {group.Key.Scenario} | {group.Key.Clients} | {figure.Caption} |");
                var ratios = new List<double>();
                var floorRatios = new List<double>();
                foreach (var (name, _) in generators)
                {
                    var measured = group.Where(r => GeneratorOf(r) == name).ToList();
                    var ours = Values(measured, "ours", figure.Property);
                    var node = Values(measured, "node", figure.Property);
                    var ratio = Median(ours) / Median(node);
                    ratios.Add(ratio);
                    line.Append(CultureInfo.InvariantCulture, $" {Describe(ours)} | {Describe(node)} | {Format(ratio)} |");
                    if (floor)
                    {
                        var bare = Values(measured, "raw", figure.Property);
                        floorRatios.Add(Median(bare) / Median(node));
                        line.Append(CultureInfo.InvariantCulture, $" {Describe(bare)} | {Format(floorRatios[^1])} |");
                    }
                }

                var worse = Worse(ratios, higherIsBetter: figure.Property == "OpsPerSecond");
                if (judged)
                {
                    line.Append(CultureInfo.InvariantCulture, $" {Format(worse)} |");
                }

                Console.WriteLine(line);
                if (figure.Chart is { } charted && chartPath is not null)
                {
                    var name = $"{charted.Label}\\n{group.Key.Scenario} {group.Key.Clients}";
                    chart.Append(CultureInfo.InvariantCulture, $"\"{name}\" {Format(worse)} {Format(charted.Goal)}");
                    if (floor)
                    {
                        // The floor by the generator whose ratio is judged; gnuplot skips NaN.
                        var floorRatio = floorRatios[ratios.IndexOf(worse)];
                        chart.Append(double.IsNaN(floorRatio) ? " NaN" : $" {Format(floorRatio)}");
                    }

                    chart.AppendLine();
                }
            }
        }

        if (chartPath is not null)
        {
            File.WriteAllText(chartPath, chart.ToString());
        }

        return 0;
    }

    private static string GeneratorOf(JsonElement row)
        => row.TryGetProperty("Generator", out var g) && g.GetString() is { } name ? name : "dotnet";

    /// <summary>The ratio that is worse for us: the higher for costs and latencies, the lower for throughput.</summary>
    private static double Worse(List<double> ratios, bool higherIsBetter)
    {
        var known = ratios.Where(r => !double.IsNaN(r)).ToList();
        return known.Count == 0 ? double.NaN : higherIsBetter ? known.Min() : known.Max();
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
