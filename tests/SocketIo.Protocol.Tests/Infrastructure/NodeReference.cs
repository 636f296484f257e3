using System.Diagnostics;
using System.Reflection;
using System.Text.Json;

namespace SocketIo.Protocol.Tests.Infrastructure;

/// <summary>
/// Runs a script of <c>tests/interop/reference</c> against the Node reference packages (from <c>tests/interop</c>'s
/// <c>node_modules</c>, pinned by its lockfile): a JSON array of cases on stdin, one JSON line per case on stdout
/// (<c>{"event":"result","id":…}</c>), then <c>{"event":"done"}</c>. The run is bounded; past its deadline the process
/// this class started is killed.
/// </summary>
internal static class NodeReference
{
    /// <summary>The bound on one run: node starts in well under a second, a busy machine may take much longer.</summary>
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(60);

    /// <summary>Cases are written camelCase, absent values left out (the scripts test for <c>undefined</c>).</summary>
    private static readonly JsonSerializerOptions s_caseOptions = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>Runs <paramref name="script"/> with <paramref name="cases"/> and returns each result by its case id.</summary>
    public static async Task<IReadOnlyDictionary<string, JsonElement>> RunAsync(string script, IEnumerable<object> cases)
    {
        var directory = InteropDirectory();
        if (!Directory.Exists(Path.Combine(directory, "node_modules")))
        {
            throw new InvalidOperationException(
                $"{Path.Combine(directory, "node_modules")} is missing: run npm ci in tests/interop (or ./test.sh, which does).");
        }

        var startInfo = new ProcessStartInfo("node")
        {
            WorkingDirectory = directory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        startInfo.ArgumentList.Add(script);
        using var process = Process.Start(startInfo)
            ?? throw new InvalidOperationException("Could not start node: install Node.js 20+ and put it on PATH.");
        using var deadline = new CancellationTokenSource(s_timeout);
        try
        {
            var stdout = process.StandardOutput.ReadToEndAsync(deadline.Token);
            var stderr = process.StandardError.ReadToEndAsync(deadline.Token);
            await process.StandardInput.WriteAsync(JsonSerializer.Serialize(cases, s_caseOptions).AsMemory(), deadline.Token);
            process.StandardInput.Close();
            await process.WaitForExitAsync(deadline.Token);
            return Parse(script, await stdout, await stderr);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            throw new TimeoutException($"{script} did not finish within {s_timeout}.");
        }
        finally
        {
            if (!process.HasExited)
            {
                // Only the process started here.
                process.Kill(entireProcessTree: true);
            }
        }
    }

    /// <summary>Gets the answer to one case, failing with the script's exception text if it could not run it.</summary>
    public static JsonElement Result(IReadOnlyDictionary<string, JsonElement> results, string id)
    {
        Assert.True(results.TryGetValue(id, out var result), $"Node gave no result for {id}.");
        Assert.False(result.TryGetProperty("exception", out var exception), $"Node failed on {id}: {exception}");
        return result;
    }

    private static Dictionary<string, JsonElement> Parse(string script, string stdout, string stderr)
    {
        var results = new Dictionary<string, JsonElement>();
        var done = false;
        foreach (var line in stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var element = JsonElement.Parse(line);
            var kind = element.GetProperty("event").GetString();
            if (kind == "done")
            {
                done = true;
            }
            else if (kind == "result")
            {
                results[element.GetProperty("id").GetString()!] = element;
            }
        }

        return done ? results : throw new InvalidOperationException($"{script} ended before it was done.\nstdout:\n{stdout}\nstderr:\n{stderr}");
    }

    private static string InteropDirectory()
    {
        var configured = typeof(NodeReference).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .SingleOrDefault(a => a.Key == "InteropDirectory")?.Value
            ?? throw new InvalidOperationException("The test assembly lacks its InteropDirectory metadata (see the csproj).");
        return Path.GetFullPath(configured);
    }
}
