using SocketIo.Server.Tests.Engine;
using SocketIo.Server.Tests.Infrastructure;
using Xunit.Abstractions;

namespace SocketIo.Server.Tests.SocketIoLayer;

/// <summary>However a client misbehaves, the server writes a few log lines a second about it, each one line long.</summary>
public sealed class ClientLogThrottleTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Arguments_of_the_wrong_type_log_five_one_line_warnings_then_one_summary_of_the_rest()
    {
        var clock = new ManualTimeProvider(); // stands still: every line below falls in one second
        await using var server = await SocketIoTestServer.StartAsync(
            output,
            io => io.OnConnection(socket => socket.On("count", (int n) => n)),
            o => o.TimeProvider = clock);
        await using var client = await RawSocketIoClient.ConnectAsync(server.Host);
        await client.SendAsync("40");
        await client.ReceiveTextAsync();

        for (var i = 0; i < 20; i++)
        {
            await client.SendAsync("42[\"count\",\"not a number\"]");
        }

        await client.SendAsync("421[\"count\",7]");
        Assert.Equal("431[7]", await client.ReceiveTextAsync()); // the connection goes on

        var warnings = server.Host.Logs.Where(l => l.Contains("[101]", StringComparison.Ordinal)).ToList();
        Assert.Equal(5, warnings.Count);
        Assert.All(warnings, line =>
        {
            Assert.DoesNotContain('\n', line);
            Assert.Contains("'count'", line, StringComparison.Ordinal);
            Assert.Contains("argument 1 is not an integer (int)", line, StringComparison.Ordinal);
        });

        clock.Advance(TimeSpan.FromSeconds(1));
        await EngineTestServer.WaitUntilAsync(() => server.Host.Logs.Any(l => l.Contains("[400]", StringComparison.Ordinal)));
        var summary = Assert.Single(server.Host.Logs, l => l.Contains("[400]", StringComparison.Ordinal));
        Assert.Contains("15 more log lines caused by clients were left out", summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Many_clients_sending_invalid_packets_share_the_same_budget()
    {
        var clock = new ManualTimeProvider();
        await using var server = await SocketIoTestServer.StartAsync(output, io => io.OnConnection(_ => { }), o => o.TimeProvider = clock);

        for (var i = 0; i < 8; i++)
        {
            await using var client = await RawSocketIoClient.ConnectAsync(server.Host);
            await client.SendAsync("4abc");
            await client.AssertClosedByServerAsync();
        }

        Assert.Equal(5, server.Host.Logs.Count(l => l.Contains("[300]", StringComparison.Ordinal)));
        clock.Advance(TimeSpan.FromSeconds(1));
        await EngineTestServer.WaitUntilAsync(() => server.Host.Logs.Any(l => l.Contains("[400]", StringComparison.Ordinal)));
        Assert.Contains("3 more log lines", Assert.Single(server.Host.Logs, l => l.Contains("[400]", StringComparison.Ordinal)), StringComparison.Ordinal);
    }
}
