using System.Text.RegularExpressions;
using SocketIo.Redis;
using SocketIo.Redis.Tests.Infrastructure;
using SocketIo.Server.Tests.Cluster;
using StackExchange.Redis;

namespace SocketIo.Server.Tests.Redis;

/// <summary>
/// Two of our servers on a real Redis with dynamic namespaces: a child created on one node reaches and is reached by
/// the same child on the other, and an emptied child that is removed drops its Redis subscriptions.
/// </summary>
public sealed class RedisNamespaceTests(RedisServer redis) : IClassFixture<RedisServer>, IAsyncLifetime
{
    private readonly string _key = RedisKeys.Unique();
    private readonly List<IAsyncDisposable> _owned = [];
    private ConnectionMultiplexer _probe = null!;

    public async Task InitializeAsync() => _probe = await ConnectionMultiplexer.ConnectAsync(redis.Configuration);

    public async Task DisposeAsync()
    {
        for (var i = _owned.Count - 1; i >= 0; i--)
        {
            await _owned[i].DisposeAsync();
        }

        await _probe.DisposeAsync();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_dynamic_child_is_reachable_across_nodes_and_its_removal_unsubscribes(bool sharded)
    {
        var a = Start(sharded);
        var b = Start(sharded);
        foreach (var node in new[] { a, b })
        {
            node.Io.Of(new Regex("^/dyn-\\d+$")).OnConnection(_ => { });
        }

        var (onA, clientA) = await a.ConnectAsync("/dyn-1");
        var (onB, _) = await b.ConnectAsync("/dyn-1");
        Assert.Equal(2, await SubscribersAsync(sharded, "/dyn-1"));

        await b.Io.Namespaces["/dyn-1"].EmitAsync("from-b", 1);
        await onA.WaitForAsync(f => f == "42/dyn-1,[\"from-b\",1]");
        var fetched = await a.Io.Namespaces["/dyn-1"].FetchSocketsAsync();
        Assert.Equal(2, fetched.Count);
        Assert.Single(fetched, s => s.Local is null);

        // The last socket of the child on A leaves: A removes the child and closes its adapter.
        await TestNode.SendAsync(clientA, "1/dyn-1,");
        await WaitUntilAsync(async () => await SubscribersAsync(sharded, "/dyn-1") == 1, "A's subscriptions to /dyn-1 are gone");
        Assert.False(a.Io.Namespaces.ContainsKey("/dyn-1"));
        Assert.True(b.Io.Namespaces.ContainsKey("/dyn-1"));
        Assert.Contains(onB.Sent, f => f.StartsWith("40/dyn-1,", StringComparison.Ordinal));
    }

    private TestNode Start(bool sharded)
    {
        Adapters.IAdapterFactory factory = sharded
            ? new RedisShardedAdapterFactory(redis.Configuration, new RedisShardedAdapterOptions { ChannelPrefix = _key })
            : new RedisAdapterFactory(redis.Configuration, new RedisAdapterOptions { Key = _key });
        _owned.Add((IAsyncDisposable)factory);
        var node = new TestNode(factory, o => o.CleanupEmptyChildNamespaces = true);
        _owned.Add(node);
        return node;
    }

    /// <summary>How many servers subscribe to the namespace: NUMSUB of the request channel, SHARDNUMSUB of the sharded one.</summary>
    private async Task<int> SubscribersAsync(bool sharded, string nsp)
    {
        var reply = sharded
            ? await _probe.GetDatabase().ExecuteAsync("PUBSUB", "SHARDNUMSUB", $"{_key}#{nsp}#")
            : await _probe.GetDatabase().ExecuteAsync("PUBSUB", "NUMSUB", $"{_key}-request#{nsp}#");
        return (int)reply[1];
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, string what)
    {
        using var timeout = new CancellationTokenSource(Infrastructure.TestTimeouts.Default);
        while (!await condition())
        {
            // Redis has no event for a subscription count: look again shortly, bounded by the timeout.
            await Task.Delay(50, timeout.Token).ContinueWith(_ => { }, TaskScheduler.Default);
            Assert.False(timeout.IsCancellationRequested, $"Timed out waiting until {what}.");
        }
    }
}
