using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Text.Json;
using SocketIo.Server.Tests.Infrastructure;
using Xunit.Abstractions;

namespace SocketIo.Server.Tests.TestAssets;

/// <summary>
/// The two benchmark load generators (C# in benchmarks/LoadGenerator, Node's ws in benchmarks/node-loadgen) against
/// the benchmark server, each scenario briefly: both complete it without failures, print the same JSON properties,
/// and <c>summarize</c> reads both into one table. Nothing here asserts on a timing.
/// </summary>
public sealed class LoadGeneratorTests(ITestOutputHelper output)
{
    private static readonly string Root = Metadata("RepositoryRoot");

    [Theory]
    [InlineData("echo", 4)]
    [InlineData("broadcast", 4)]
    // Enough handshakes for the server's CPU to span several of the kernel's 10 ms accounting ticks: with 20 it could
    // read zero, and a ratio of zero to zero has no value to chart.
    [InlineData("connections", 200)]
    [InlineData("polling-echo", 2)]
    public async Task Both_generators_run_the_scenario_and_print_the_same_figures(string scenario, int clients)
    {
        await using var server = await TestAssetProcess.StartBenchServerAsync(output);
        string[] options =
        [
            "--scenario", scenario, "--clients", clients.ToString(CultureInfo.InvariantCulture), "--label", "ours",
            "--server", server.BaseUrl.TrimEnd('/'), "--server-pid", server.Pid.ToString(CultureInfo.InvariantCulture),
            "--warmup", "0.5", "--duration", "1", "--hold", "0.5",
        ];

        var dotnetLine = await RunGeneratorAsync("dotnet", [Metadata("LoadGeneratorDll"), .. options]);
        var wsLine = await RunGeneratorAsync("node", [Path.Combine(Root, "benchmarks/node-loadgen/loadgen.mjs"), .. options]);

        using var dotnet = JsonDocument.Parse(dotnetLine);
        using var ws = JsonDocument.Parse(wsLine);
        Assert.Equal(Names(dotnet.RootElement), Names(ws.RootElement));
        foreach (var (result, generator) in new[] { (dotnet.RootElement, "dotnet"), (ws.RootElement, "ws") })
        {
            Assert.Equal(generator, result.GetProperty("Generator").GetString());
            Assert.Equal(scenario, result.GetProperty("Scenario").GetString());
            Assert.Equal(0, result.GetProperty("Failures").GetInt32());
            Assert.True(result.GetProperty("Operations").GetInt64() > 0, $"{generator}: no operations");
            Assert.True(result.GetProperty("ServerCpuSeconds").GetDouble() >= 0, $"{generator}: no server CPU reading");
        }

        // summarize puts both generators side by side, with the bare WebSocket's floor where it was measured (our server
        // stands in for Node and the floor too: only the shape is checked).
        var results = Path.Combine(Path.GetTempPath(), $"loadgen-{Guid.NewGuid():N}.jsonl");
        var chart = Path.ChangeExtension(results, ".dat");
        try
        {
            await File.WriteAllLinesAsync(results, [.. new[] { dotnetLine, wsLine }.SelectMany(line => new[]
            {
                line,
                line.Replace("\"Label\":\"ours\"", "\"Label\":\"node\"", StringComparison.Ordinal),
                line.Replace("\"Label\":\"ours\"", "\"Label\":\"raw\"", StringComparison.Ordinal),
            })]);
            var table = await RunAsync("dotnet", [Metadata("LoadGeneratorDll"), "summarize", results, chart]);
            Assert.Equal(0, table.ExitCode);
            var lines = table.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Contains("us/Node, C#", lines[0], StringComparison.Ordinal);
            Assert.Contains("us/Node, ws", lines[0], StringComparison.Ordinal);
            Assert.Contains("bare/Node, C#", lines[0], StringComparison.Ordinal);
            Assert.Contains("bare/Node, ws", lines[0], StringComparison.Ordinal);
            Assert.Contains("us/Node, the worse", lines[0], StringComparison.Ordinal);
            Assert.Contains(lines, l => l.StartsWith($"| {scenario} | {clients} |", StringComparison.Ordinal) && l.EndsWith("| 1.00 |", StringComparison.Ordinal));

            // The chart's data: per headline figure its label, the judged ratio, the goal and the floor's ratio.
            Assert.All(await File.ReadAllLinesAsync(chart), l => Assert.Matches(@"^"".+"" 1\.00 \d\.\d\d 1\.00$", l));
            Assert.NotEmpty(await File.ReadAllLinesAsync(chart));
        }
        finally
        {
            File.Delete(results);
            File.Delete(chart);
        }
    }

    private static string Metadata(string key)
        => typeof(LoadGeneratorTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;

    private static List<string> Names(JsonElement result) => result.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal).ToList();

    /// <summary>Runs one generator and returns its single JSON line; it must exit 0 (no failures).</summary>
    private async Task<string> RunGeneratorAsync(string fileName, string[] arguments)
    {
        var run = await RunAsync(fileName, arguments);
        Assert.True(run.ExitCode == 0, $"{fileName} exited with {run.ExitCode}: {run.Stderr}");
        return Assert.Single(run.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    private async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(string fileName, string[] arguments)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Root,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        using var deadline = new CancellationTokenSource(TestTimeouts.NodeScript);
        try
        {
            var stdout = process.StandardOutput.ReadToEndAsync(deadline.Token);
            var stderr = process.StandardError.ReadToEndAsync(deadline.Token);
            await process.WaitForExitAsync(deadline.Token);
            var result = (process.ExitCode, await stdout, await stderr);
            output.WriteLine($"{Path.GetFileName(fileName)}> {result.Item3.Trim()}");
            return result;
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }
}
