using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using SocketIo.Redis;
using SocketIo.Redis.Tests.Infrastructure;
using SocketIo.Server.Tests.Infrastructure;
using Xunit.Abstractions;

namespace SocketIo.Server.Tests.Diagnostics;

/// <summary>
/// The health check at <c>/healthz</c>, the way an application maps it: healthy while the server accepts connections
/// and its Redis adapter reaches a real redis-server, degraded while that server is down, healthy again when it is
/// back; unhealthy when Socket.IO is not mapped or the host is stopping. The Redis adapter's metrics follow the outage.
/// </summary>
[Collection(nameof(TelemetryTests))]
public sealed class HealthCheckTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly RedisServer _redis = new();
    private readonly string _key = RedisKeys.Unique();
    private readonly ExportedTelemetry _telemetry = new();
    private readonly List<TestHost> _hosts = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var host in _hosts)
        {
            await host.DisposeAsync();
        }

        _redis.Stop();
    }

    [Fact]
    public async Task Healthy_then_degraded_while_redis_is_down_then_healthy_again()
    {
        var a = await StartAsync(redis: true, telemetry: true);
        var b = await StartAsync(redis: true);
        using var http = new HttpClient();
        Assert.Equal((HttpStatusCode.OK, "Healthy: Socket.IO accepts connections."), await HealthAsync(http, a));

        // Two nodes: a fetch asks the other one, and is measured.
        var io = a.Services.GetRequiredService<SocketIoServer>();
        await WaitUntilAsync(async () => await io.Sockets.Adapter.ServerCountAsync() == 2, "the second node to subscribe");
        await io.FetchSocketsAsync();
        Assert.Equal(1, _telemetry.Total("socketio.adapter.request.duration", ("socketio.adapter.request.type", "fetch_sockets"), ("error.type", null)));

        // Both nodes' connections: the gauge is the process's (other tests' connections may linger until collected).
        var connected = _telemetry.Total("socketio.redis.connections", ("socketio.redis.connection.state", "connected"));
        var disconnected = _telemetry.Total("socketio.redis.connections", ("socketio.redis.connection.state", "disconnected"));
        Assert.True(connected >= 2, $"connected {connected}");

        _redis.Stop();
        await WaitUntilAsync(async () => (await HealthAsync(http, a)).Body.StartsWith("Degraded", StringComparison.Ordinal), "the outage to be noticed");
        Assert.Equal(
            (HttpStatusCode.OK, "Degraded: The adapter of / cannot reach its bus: cluster-wide operations fail; this server still serves its own clients."),
            await HealthAsync(http, a));
        await WaitUntilAsync(async () => (await HealthAsync(http, b)).Body.StartsWith("Degraded", StringComparison.Ordinal), "the other node to notice the outage");
        Assert.Equal(disconnected + 2, _telemetry.Total("socketio.redis.connections", ("socketio.redis.connection.state", "disconnected")));
        Assert.Equal(connected - 2, _telemetry.Total("socketio.redis.connections", ("socketio.redis.connection.state", "connected")));
        await Assert.ThrowsAsync<SocketIo.Adapters.AdapterUnavailableException>(() => io.EmitAsync("during"));
        await Assert.ThrowsAsync<SocketIo.Adapters.AdapterUnavailableException>(() => io.FetchSocketsAsync());
        Assert.Equal(1, _telemetry.Total("socketio.redis.messages", ("network.io.direction", "transmit"), ("error.type", "unavailable")));
        Assert.Equal(1, _telemetry.Total("socketio.adapter.request.duration", ("socketio.adapter.request.type", "fetch_sockets"), ("error.type", "unavailable")));

        _redis.Start();
        await WaitUntilAsync(async () => (await HealthAsync(http, a)).Body.StartsWith("Healthy", StringComparison.Ordinal), "Redis to be reachable again");
        await WaitUntilAsync(async () => (await HealthAsync(http, b)).Body.StartsWith("Healthy", StringComparison.Ordinal), "the other node to reconnect");
        Assert.Equal(connected, _telemetry.Total("socketio.redis.connections", ("socketio.redis.connection.state", "connected")));
        Assert.True(_telemetry.Total("socketio.redis.messages", ("network.io.direction", "transmit"), ("error.type", null)) >= 1);
        Assert.True(_telemetry.Total("socketio.redis.messages", ("network.io.direction", "receive")) >= 1);
    }

    [Fact]
    public async Task Unhealthy_when_not_mapped_and_while_the_host_stops()
    {
        var unmapped = await StartAsync(redis: false, map: false);
        var result = await unmapped.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();
        Assert.Equal(HealthStatus.Unhealthy, result.Status);
        Assert.Equal("Socket.IO is not mapped: call app.MapSocketIo().", result.Entries["socketio"].Description);

        var mapped = await StartAsync(redis: false);
        var checks = mapped.Services.GetRequiredService<HealthCheckService>();
        var healthy = (await checks.CheckHealthAsync()).Entries["socketio"];
        Assert.Equal(HealthStatus.Healthy, healthy.Status);
        Assert.Equal(0, healthy.Data["connections"]);

        mapped.Services.GetRequiredService<IHostApplicationLifetime>().StopApplication();
        var stopping = (await checks.CheckHealthAsync()).Entries["socketio"];
        Assert.Equal(HealthStatus.Unhealthy, stopping.Status);
        Assert.Equal("The host is stopping: Socket.IO connections are being closed.", stopping.Description);
    }

    private async Task<TestHost> StartAsync(bool redis, bool map = true, bool telemetry = false)
    {
        var host = await TestHost.StartAsync(
            app =>
            {
                if (map)
                {
                    app.MapSocketIo();
                }

                app.MapHealthChecks("/healthz", new HealthCheckOptions
                {
                    ResultStatusCodes = { [HealthStatus.Degraded] = StatusCodes.Status200OK },
                    ResponseWriter = static (context, report) => context.Response.WriteAsync($"{report.Status}: {report.Entries["socketio"].Description}"),
                });
            },
            builder =>
            {
                var socketIo = builder.Services.AddSocketIo();
                if (redis)
                {
                    socketIo.AddRedisAdapter(_redis.Configuration, o => o.Key = _key);
                }

                builder.Services.AddHealthChecks().AddSocketIo();
                if (telemetry)
                {
                    _telemetry.AddTo(builder);
                }
            },
            output);
        _hosts.Add(host);
        if (telemetry)
        {
            _telemetry.Attach(host.Services);
        }

        return host;
    }

    private static async Task<(HttpStatusCode Status, string Body)> HealthAsync(HttpClient http, TestHost host)
    {
        using var response = await http.GetAsync(host.Url("healthz")).WaitAsync(TestTimeouts.Default);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Checks <paramref name="condition"/> every 50 ms, bounded: an outage has no event to await from outside.</summary>
    private static async Task WaitUntilAsync(Func<Task<bool>> condition, string what)
    {
        using var deadline = new CancellationTokenSource(TestTimeouts.Default);
        while (!await condition())
        {
            Assert.False(deadline.IsCancellationRequested, $"timed out waiting for {what}");
            await Task.Delay(50);
        }
    }
}
