using System.Text;
using SocketIo.Adapters;
using SocketIo.Adapters.Tests;
using SocketIo.Protocol.Packets;
using SocketIo.Redis.Tests.Infrastructure;

namespace SocketIo.Redis.Tests.Adapters;

/// <summary>
/// Redis goes away and comes back (the fixture's redis-server stopped, then started again on the same port): local
/// delivery never stops, cluster-wide operations fail fast with a clear error, cross-node delivery resumes by itself,
/// and each transition is logged once.
/// </summary>
public sealed class OutageTests : IAsyncLifetime
{
    private readonly RedisServer _redis = new();
    /// <summary>Each server's log (a server is one factory here).</summary>
    private readonly List<ListLoggerFactory> _logs = [];
    private readonly List<IAsyncDisposable> _factories = [];
    private readonly List<Adapter> _adapters = [];

    /// <summary>Task exceptions nobody observed while the test ran (failures must always be awaited or logged).</summary>
    private readonly System.Collections.Concurrent.ConcurrentQueue<Exception> _unobserved = new();

    public Task InitializeAsync()
    {
        TaskScheduler.UnobservedTaskException += OnUnobserved;
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        foreach (var adapter in _adapters)
        {
            await adapter.CloseAsync();
        }

        foreach (var factory in _factories)
        {
            await factory.DisposeAsync();
        }

        _redis.Stop();
        GC.Collect();
        GC.WaitForPendingFinalizers();
        TaskScheduler.UnobservedTaskException -= OnUnobserved;
        Assert.Empty(_unobserved);
    }

    private void OnUnobserved(object? sender, UnobservedTaskExceptionEventArgs e) => _unobserved.Enqueue(e.Exception);

    public static TheoryData<bool> Modes => [false, true];

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task Local_delivery_goes_on_cluster_operations_fail_fast_and_cross_node_delivery_resumes(bool sharded)
    {
        var key = RedisKeys.Unique();
        var (hostA, a) = await StartAsync(sharded, key, "a1");
        var (hostB, b) = await StartAsync(sharded, key, "b1");
        await DeliveredAcrossAsync(a, hostB, "b1", "before");
        Assert.True(a.IsConnected);

        _redis.Stop();
        await _logs[0].WaitForAsync("Redis is unreachable", TimeSpan.FromSeconds(15));
        Assert.False(a.IsConnected);

        var outage = await Assert.ThrowsAsync<AdapterUnavailableException>(async () => await a.BroadcastAsync(Event("during"), BroadcastOptions.All));
        Assert.Contains("Redis is unreachable", outage.Message, StringComparison.Ordinal);
        Assert.Contains("during", hostA.EventsOf("a1"));
        await Assert.ThrowsAsync<AdapterUnavailableException>(async () => await a.FetchSocketsAsync(BroadcastOptions.All));
        await Assert.ThrowsAsync<AdapterUnavailableException>(async () => await a.AddSocketsAsync(BroadcastOptions.All, ["joined"]));
        Assert.Contains("joined", a.SocketRooms("a1"));
        await Assert.ThrowsAsync<AdapterUnavailableException>(async () => await a.ServerSideEmitWithAckAsync(Event("ping"), TimeSpan.FromSeconds(1)));

        _redis.Start();
        await _logs[0].WaitForAsync("Redis is reachable again", TimeSpan.FromSeconds(30));
        await DeliveredAcrossAsync(a, hostB, "b1", "after");
        await DeliveredAcrossAsync(b, hostA, "a1", "after-back");
        Assert.True(a.IsConnected);

        foreach (var log in _logs)
        {
            await log.WaitForAsync("Redis is reachable again", TimeSpan.FromSeconds(30));
        }

        // Each server logs one line per transition, however many operations failed meanwhile.
        Assert.All(_logs, log => Assert.Equal(
            ["Warning 600 Redis is unreachable", "Information 601 Redis is reachable again"],
            log.Lines.Select(l => string.Join(' ', l.Split(' ')[..2]) + " " + l[(l.IndexOf(": ", StringComparison.Ordinal) + 2)..].Split(':')[0])));
    }

    [Fact]
    public async Task A_server_that_starts_while_Redis_is_down_joins_the_cluster_when_it_comes_up()
    {
        var key = RedisKeys.Unique();
        _redis.Stop();
        var (hostA, a) = await StartAsync(sharded: false, key, "a1");
        Assert.False(a.IsConnected);
        await Assert.ThrowsAsync<AdapterUnavailableException>(async () => await a.BroadcastAsync(Event("local"), BroadcastOptions.All));
        Assert.Contains("local", hostA.EventsOf("a1"));

        _redis.Start();
        var (hostB, b) = await StartAsync(sharded: false, key, "b1");
        await _logs[0].WaitForAsync("Redis is reachable again", TimeSpan.FromSeconds(30));
        await DeliveredAcrossAsync(b, hostA, "a1", "joined-late");
        Assert.Equal(2, await ServerCountReachingAsync(b, 2));
    }

    /// <summary>
    /// The server count (subscribers of the request channel) until it reaches <paramref name="expected"/>, for at most
    /// 30 s: after Redis returns, a node makes its subscriptions again one channel at a time, so the request channel
    /// can follow the broadcast channel a moment later. Redis tells nobody when it does; this asks again every 50 ms.
    /// </summary>
    private static async Task<int> ServerCountReachingAsync(Adapter adapter, int expected)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        int count;
        while ((count = await adapter.ServerCountAsync()) != expected && !deadline.IsCancellationRequested)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(50), CancellationToken.None);
        }

        return count;
    }

    private static PacketPayload Event(string name) => new(Encoding.UTF8.GetBytes($"[\"{name}\"]"), []);

    /// <summary>
    /// Broadcasts from <paramref name="sender"/> until <paramref name="socket"/> on the other node gets it (bounded):
    /// right after Redis returns, a message can fall in the gap before the subscriptions are made again.
    /// </summary>
    private static async Task DeliveredAcrossAsync(Adapter sender, RecordingAdapterHost receiver, string socket, string name)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        for (var attempt = 0; !receiver.EventsOf(socket).Contains(name); attempt++)
        {
            Assert.False(deadline.IsCancellationRequested, $"{socket} never got {name} ({attempt} attempts)");
            try
            {
                await sender.BroadcastAsync(Event(name), BroadcastOptions.All);
            }
            catch (AdapterUnavailableException)
            {
                // Not reconnected yet.
            }

            try
            {
                await receiver.WaitUntilAsync(() => receiver.EventsOf(socket).Contains(name), name).WaitAsync(TimeSpan.FromMilliseconds(500));
            }
            catch (TimeoutException)
            {
                // Try again.
            }
        }
    }

    private async Task<(RecordingAdapterHost Host, Adapter Adapter)> StartAsync(bool sharded, string key, string socket)
    {
        var host = new RecordingAdapterHost();
        var logs = new ListLoggerFactory();
        _logs.Add(logs);
        Adapter adapter;
        if (sharded)
        {
            var factory = new RedisShardedAdapterFactory(_redis.Configuration, new RedisShardedAdapterOptions { ChannelPrefix = key }, logs);
            _factories.Add(factory);
            adapter = factory.Create(host);
        }
        else
        {
            var factory = new RedisAdapterFactory(_redis.Configuration, new RedisAdapterOptions { Key = key }, logs);
            _factories.Add(factory);
            adapter = factory.Create(host);
        }

        host.RoomsOf = adapter.SocketRooms;
        await adapter.InitAsync();
        _adapters.Add(adapter);
        host.LocalSockets[socket] = true;
        adapter.AddAll(socket, [socket]);
        return (host, adapter);
    }
}
