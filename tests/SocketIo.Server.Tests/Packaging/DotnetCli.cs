using System.Diagnostics;
using System.Text;
using SocketIo.Server.Tests.Infrastructure;

namespace SocketIo.Server.Tests.Packaging;

/// <summary>
/// Runs the dotnet CLI as a child process, bounded in time: past its bound the process and its children are killed
/// (only the ones started here) and the test fails with everything it printed.
/// </summary>
public static class DotnetCli
{
    /// <summary>Runs <c>dotnet</c> with <paramref name="args"/> to its end; fails unless it exits 0.</summary>
    /// <param name="workingDirectory">Where it runs; the SDK is chosen by the global.json above this folder, if any.</param>
    /// <param name="args">Its arguments.</param>
    /// <param name="environment">Variables to set on top of <see cref="StartInfo"/>'s.</param>
    /// <param name="timeout">The bound on the whole run.</param>
    /// <returns>Its stdout and stderr, interleaved.</returns>
    public static async Task<string> RunAsync(
        string workingDirectory,
        IReadOnlyList<string> args,
        IReadOnlyDictionary<string, string> environment,
        TimeSpan timeout)
    {
        var start = StartInfo(workingDirectory, args);
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var printed = new StringBuilder();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Append(printed, e.Data);
        process.ErrorDataReceived += (_, e) => Append(printed, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var command = $"dotnet {string.Join(' ', args)}";
        using (var deadline = new CancellationTokenSource(timeout))
        {
            try
            {
                await process.WaitForExitAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync().WaitAsync(TestTimeouts.Default);
                Assert.Fail($"{command} was still running after {timeout}; killed.{Environment.NewLine}{Read(printed)}");
            }
        }

        var output = Read(printed);
        Assert.True(process.ExitCode == 0, $"{command} exited with {process.ExitCode}.{Environment.NewLine}{output}");
        return output;
    }

    /// <summary>
    /// A start for <c>dotnet</c> with output redirected, in an environment fit for a build nested in a test run: no
    /// MSBuild variables inherited from the outer build, and no MSBuild node or server left behind when it ends.
    /// </summary>
    public static ProcessStartInfo StartInfo(string workingDirectory, IEnumerable<string> args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(name);
        }

        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        start.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        return start;
    }

    private static void Append(StringBuilder printed, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (printed)
        {
            printed.AppendLine(line);
        }
    }

    private static string Read(StringBuilder printed)
    {
        lock (printed)
        {
            return printed.ToString();
        }
    }
}
