using System.Diagnostics;
using System.Reflection;
using System.Text.Json;

namespace SocketIo.Redis.Tests.Infrastructure;

/// <summary>
/// Runs a Node script from <c>tests/interop</c> once: a JSON value on its stdin, one JSON value back on its stdout.
/// The run is bounded; past the bound the process this class started (and its children) is killed.
/// </summary>
internal static class NodeRunner
{
    /// <summary>The bound on one run: generous for a busy machine.</summary>
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(60);

    /// <summary>Gets the directory holding the scripts and their <c>node_modules</c>.</summary>
    public static string InteropDirectory { get; } = Path.GetFullPath(
        typeof(NodeRunner).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "InteropDirectory").Value!);

    /// <summary>Runs <paramref name="script"/> (relative to <c>tests/interop</c>) with <paramref name="input"/> and returns its output.</summary>
    public static async Task<JsonElement> RunAsync(string script, object input)
    {
        if (!Directory.Exists(Path.Combine(InteropDirectory, "node_modules")))
        {
            throw new InvalidOperationException($"{Path.Combine(InteropDirectory, "node_modules")} is missing: run npm ci in tests/interop (or ./test.sh, which does).");
        }

        var startInfo = new ProcessStartInfo("node")
        {
            WorkingDirectory = InteropDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        startInfo.ArgumentList.Add(script);
        using var process = Process.Start(startInfo) ?? throw new InvalidOperationException("Could not start node: install Node.js 20+ and put it on PATH.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.StandardInput.WriteAsync(JsonSerializer.Serialize(input));
        process.StandardInput.Close();

        using var deadline = new CancellationTokenSource(s_timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{script} still ran after {s_timeout}; stderr: {await stderr}");
        }

        var output = await stdout;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{script} exited with {process.ExitCode}; stderr: {await stderr}");
        }

        using var document = JsonDocument.Parse(output);
        return document.RootElement.Clone();
    }
}
