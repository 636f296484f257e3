using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using SocketIo.Server.Tests.Infrastructure;
using SocketIo.Server.Tests.SocketIoLayer;
using Xunit.Abstractions;

namespace SocketIo.Server.Tests.TestAssets;

/// <summary>The benchmark server, started as the benchmarks start it: its built dll, HOST and PORT from the environment.</summary>
public sealed class BenchServerTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Join_bcast_and_echo_answer_as_the_load_generator_expects()
    {
        var dll = typeof(BenchServerTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "BenchServerDll").Value!;
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(dll);
        start.Environment["HOST"] = "127.0.0.1";
        start.Environment["PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        using var server = Process.Start(start)!;
        try
        {
            await WaitForListeningAsync(server);
            var plan = System.Text.Json.JsonSerializer.Serialize(new object[]
            {
                new { op = "connect", client = "a" },
                new { op = "connect", client = "b" },
                new { op = "emitWithAck", client = "a", @event = "join", args = new object[] { "r" } },
                new { op = "emitWithAck", client = "b", @event = "join", args = new object[] { "r" } },
                new { op = "emitWithAck", client = "a", @event = "bcast", args = new object[] { "r", 3, new { text = "hi" } } },
                new { op = "wait", client = "b", @event = "msg", count = 3 },
                new { op = "emitWithAck", client = "a", @event = "echo", args = new object[] { new { n = 7 } } },
            });
            var run = await NodeScript.RunAsync("socketio/driver.mjs", [$"http://127.0.0.1:{port}/", plan], output);
            run.AssertRan();
            var result = new DriverResult(run);

            Assert.Equal(["[null]", "[null]", "[{\"n\":7}]"], result.Acks("a").Select(a => a.GetProperty("args").GetRawText()));
            Assert.Equal(["[{\"text\":\"hi\"}]", "[{\"text\":\"hi\"}]", "[{\"text\":\"hi\"}]"], result.Received("msg", "b"));
            Assert.Equal(3, result.Received("msg", "a").Count);
        }
        finally
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync().WaitAsync(TestTimeouts.Default);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private async Task WaitForListeningAsync(Process server)
    {
        using var deadline = new CancellationTokenSource(TestTimeouts.Default);
        while (await server.StandardOutput.ReadLineAsync(deadline.Token) is { } line)
        {
            output.WriteLine("bench> " + line);
            if (line.Contains("Now listening on", StringComparison.Ordinal))
            {
                return;
            }
        }

        Assert.Fail($"BenchServer exited before listening: {await server.StandardError.ReadToEndAsync()}");
    }
}
