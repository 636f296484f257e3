using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using SocketIo.Server.Tests.Infrastructure;
using Xunit.Abstractions;

namespace SocketIo.Server.Tests.TestAssets;

/// <summary>
/// The benchmark server started as the benchmark runner starts it: its built dll, HOST and PORT from the environment,
/// ready once it prints "Now listening on". Disposing kills it (this process tree only) and waits for the exit.
/// </summary>
public sealed class BenchServerProcess : IAsyncDisposable
{
    private readonly Process _process;

    private BenchServerProcess(Process process, int port)
    {
        _process = process;
        Url = $"http://127.0.0.1:{port}";
    }

    /// <summary>The base address, e.g. <c>http://127.0.0.1:12345</c>.</summary>
    public string Url { get; }

    public int Pid => _process.Id;

    public static async Task<BenchServerProcess> StartAsync(ITestOutputHelper output)
    {
        var dll = typeof(BenchServerProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "BenchServerDll").Value!;
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(dll);
        start.Environment["HOST"] = "127.0.0.1";
        start.Environment["PORT"] = port.ToString(CultureInfo.InvariantCulture);
        var server = new BenchServerProcess(Process.Start(start)!, port);
        try
        {
            await server.WaitForListeningAsync(output);
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync().WaitAsync(TestTimeouts.Default);
        _process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private async Task WaitForListeningAsync(ITestOutputHelper output)
    {
        using var deadline = new CancellationTokenSource(TestTimeouts.Default);
        while (await _process.StandardOutput.ReadLineAsync(deadline.Token) is { } line)
        {
            output.WriteLine("bench> " + line);
            if (line.Contains("Now listening on", StringComparison.Ordinal))
            {
                return;
            }
        }

        Assert.Fail($"BenchServer exited before listening: {await _process.StandardError.ReadToEndAsync()}");
    }
}
