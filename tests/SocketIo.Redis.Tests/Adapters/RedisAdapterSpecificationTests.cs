using SocketIo.Adapters;
using SocketIo.Adapters.Tests;
using SocketIo.Redis.Sharded;
using SocketIo.Redis.Tests.Infrastructure;

namespace SocketIo.Redis.Tests.Adapters;

/// <summary>The classic Redis adapter alone on a real Redis meets the one-node specification.</summary>
public sealed class RedisAdapterTests(RedisServer redis) : AdapterSpecification, IClassFixture<RedisServer>
{
    private RedisAdapterFactory? _factory;

    protected override Adapter CreateAdapter(IAdapterHost host)
    {
        // Called from the base constructor, before this class's own fields are assigned.
        _factory = new RedisAdapterFactory(redis.Configuration, new RedisAdapterOptions { Key = RedisKeys.Unique() });
        return _factory.Create(host);
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _factory!.DisposeAsync();
    }
}

/// <summary>The sharded Redis adapter alone on a real Redis meets the one-node specification.</summary>
public sealed class RedisShardedAdapterTests(RedisServer redis) : AdapterSpecification, IClassFixture<RedisServer>
{
    private RedisShardedAdapterFactory? _factory;

    protected override Adapter CreateAdapter(IAdapterHost host)
    {
        _factory = new RedisShardedAdapterFactory(redis.Configuration, new RedisShardedAdapterOptions { ChannelPrefix = RedisKeys.Unique() });
        return _factory.Create(host);
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _factory!.DisposeAsync();
    }
}

/// <summary>
/// Nodes on one real Redis, each with its own connection (as separate servers have), under a key of their own so test
/// classes sharing the server never meet.
/// </summary>
public abstract class RedisClusterSpecification(RedisServer redis) : ClusterAdapterSpecification, IClassFixture<RedisServer>
{
    private readonly List<IAsyncDisposable> _factories = [];
    private readonly string _key = RedisKeys.Unique();

    protected RedisServer Redis => redis;

    /// <summary>Gets the log of every node's connection (shown when a test fails).</summary>
    protected ListLoggerFactory Logs { get; } = new();

    protected string Key => _key;

    protected override Adapter CreateAdapter(int node, IAdapterHost host)
    {
        var (factory, adapter) = Create(host);
        _factories.Add(factory);
        return adapter;
    }

    protected abstract (IAsyncDisposable Factory, Adapter Adapter) Create(IAdapterHost host);

    public override async Task InitializeAsync()
    {
        try
        {
            await base.InitializeAsync();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new InvalidOperationException($"The cluster did not start. Logs:\n{string.Join('\n', Logs.Lines.Concat(Nodes.SelectMany(n => n.Host.Logs)))}", e);
        }
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        foreach (var factory in _factories)
        {
            await factory.DisposeAsync();
        }

        // Nothing is logged when all goes well: Redis stayed reachable and every message was well formed.
        Assert.Empty(Logs.Lines.Concat(Nodes.SelectMany(n => n.Host.Logs)));
    }
}

public sealed class RedisTwoNodeTests(RedisServer redis) : RedisClusterSpecification(redis)
{
    protected override int NodeCount => 2;

    protected override (IAsyncDisposable, Adapter) Create(IAdapterHost host)
    {
        var factory = new RedisAdapterFactory(Redis.Configuration, new RedisAdapterOptions { Key = Key }, Logs);
        return (factory, factory.Create(host));
    }
}

public sealed class RedisThreeNodeTests(RedisServer redis) : RedisClusterSpecification(redis)
{
    protected override int NodeCount => 3;

    protected override (IAsyncDisposable, Adapter) Create(IAdapterHost host)
    {
        // One node answers on the requesters' own channels, the others on the shared one: a cluster may mix both.
        var factory = new RedisAdapterFactory(Redis.Configuration, new RedisAdapterOptions { Key = Key, PublishOnSpecificResponseChannel = Nodes.Count == 1 }, Logs);
        return (factory, factory.Create(host));
    }
}

/// <summary>
/// The sharded adapter in static mode meets the cluster specification: every message of a node then travels on one
/// channel, in order. (In the dynamic modes a broadcast to one room has a channel of its own, with no order against
/// the namespace's channel: <see cref="RedisShardedDynamicTwoNodeTests"/> and <see cref="ShardedRoomChannelTests"/>.)
/// </summary>
public sealed class RedisShardedTwoNodeTests(RedisServer redis) : RedisClusterSpecification(redis)
{
    protected override int NodeCount => 2;

    protected override (IAsyncDisposable, Adapter) Create(IAdapterHost host)
    {
        var factory = new RedisShardedAdapterFactory(Redis.Configuration, new RedisShardedAdapterOptions { ChannelPrefix = Key, SubscriptionMode = ShardedSubscriptionMode.Static }, Logs);
        return (factory, factory.Create(host));
    }
}

public sealed class RedisShardedThreeNodeTests(RedisServer redis) : RedisClusterSpecification(redis)
{
    protected override int NodeCount => 3;

    protected override (IAsyncDisposable, Adapter) Create(IAdapterHost host)
    {
        var factory = new RedisShardedAdapterFactory(Redis.Configuration, new RedisShardedAdapterOptions { ChannelPrefix = Key, SubscriptionMode = ShardedSubscriptionMode.Static }, Logs);
        return (factory, factory.Create(host));
    }
}

/// <summary>
/// The sharded adapter in Node's default mode, dynamic: a broadcast to one room travels on that room's channel, which
/// every node with members subscribes to when the room is created (the test waits for those subscriptions).
/// </summary>
public sealed class RedisShardedDynamicTwoNodeTests(RedisServer redis) : RedisClusterSpecification(redis)
{
    protected override int NodeCount => 2;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        foreach (var node in Nodes)
        {
            await ((RedisShardedAdapter)node.Adapter).WhenRoomsSettledAsync();
        }
    }

    protected override (IAsyncDisposable, Adapter) Create(IAdapterHost host)
    {
        var factory = new RedisShardedAdapterFactory(Redis.Configuration, new RedisShardedAdapterOptions { ChannelPrefix = Key }, Logs);
        return (factory, factory.Create(host));
    }
}
