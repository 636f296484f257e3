using System.Diagnostics;
using System.Reflection;
using SocketIo.Server.Tests.Infrastructure;
using Xunit.Abstractions;

namespace SocketIo.Server.Tests.TestAssets;

/// <summary>
/// A test asset's built dll run as its own process on a free 127.0.0.1 port, as its README says to run it; ready once
/// it logs that it listens. Disposing kills that process (and only it) and waits for it to end.
/// </summary>
public sealed class TestAssetProcess : IAsyncDisposable
{
    private readonly Process _process;

    private TestAssetProcess(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    /// <summary>Gets the port it listens on.</summary>
    public int Port { get; }

    /// <summary>Gets its base address, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public string BaseUrl => $"http://127.0.0.1:{Port}/";

    /// <summary>Gets its process id (the benchmark load generators read its CPU time).</summary>
    public int Pid => _process.Id;

    /// <summary>Starts the benchmark server as the benchmark runner does: HOST and PORT from the environment.</summary>
    public static Task<TestAssetProcess> StartBenchServerAsync(ITestOutputHelper output) => StartAsync("BenchServerDll", (start, port) =>
    {
        start.Environment["HOST"] = "127.0.0.1";
        start.Environment["PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }, output);

    /// <summary>
    /// Starts the dll named by the test assembly's <paramref name="dllMetadataKey"/> metadata; <paramref name="configure"/>
    /// adds its arguments and environment, given the port.
    /// </summary>
    public static async Task<TestAssetProcess> StartAsync(string dllMetadataKey, Action<ProcessStartInfo, int> configure, ITestOutputHelper output)
    {
        var dll = typeof(TestAssetProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == dllMetadataKey).Value!;
        var port = Samples.ChatSampleProcess.FreePort();
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(dll);
        configure(start, port);
        var asset = new TestAssetProcess(Process.Start(start)!, port);
        try
        {
            await asset.WaitForListeningAsync(output);
            return asset;
        }
        catch
        {
            await asset.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync().WaitAsync(TestTimeouts.Default);
        _process.Dispose();
    }

    private async Task WaitForListeningAsync(ITestOutputHelper output)
    {
        using var deadline = new CancellationTokenSource(TestTimeouts.Default);
        while (await _process.StandardOutput.ReadLineAsync(deadline.Token) is { } line)
        {
            output.WriteLine("asset> " + line);
            if (line.Contains("Now listening on", StringComparison.Ordinal))
            {
                return;
            }
        }

        Assert.Fail($"The process exited before listening: {await _process.StandardError.ReadToEndAsync()}");
    }
}
