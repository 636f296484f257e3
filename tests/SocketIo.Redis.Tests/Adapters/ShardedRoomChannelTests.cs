using System.Text;
using SocketIo.Adapters;
using SocketIo.Adapters.Tests;
using SocketIo.Protocol.Packets;
using SocketIo.Redis.Sharded;
using SocketIo.Redis.Tests.Infrastructure;
using StackExchange.Redis;

namespace SocketIo.Redis.Tests.Adapters;

/// <summary>
/// The dynamic subscription modes of the sharded adapter on a real Redis: a room with local members has a channel of
/// its own (socket-id rooms only in dynamic-private), dropped with its last member; a broadcast to one room travels on it.
/// </summary>
public sealed class ShardedRoomChannelTests(RedisServer redis) : IClassFixture<RedisServer>, IAsyncLifetime
{
    private const string SocketId = "AAAAAAAAAAAAAAAAAAAA";
    private readonly string _prefix = RedisKeys.Unique();
    private readonly List<RedisShardedAdapterFactory> _factories = [];
    private readonly List<Adapter> _adapters = [];
    private ConnectionMultiplexer _probe = null!;

    public async Task InitializeAsync() => _probe = await ConnectionMultiplexer.ConnectAsync(redis.Configuration);

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

        await _probe.DisposeAsync();
    }

    [Theory]
    [InlineData(ShardedSubscriptionMode.Dynamic, false)]
    [InlineData(ShardedSubscriptionMode.DynamicPrivate, true)]
    public async Task A_room_has_a_channel_while_it_has_local_members(ShardedSubscriptionMode mode, bool socketIdRoomsToo)
    {
        var (host, adapter) = await StartAsync(mode);
        host.LocalSockets[SocketId] = true;
        adapter.AddAll(SocketId, [SocketId, "room1"]);
        await ((RedisShardedAdapter)adapter).WhenRoomsSettledAsync();

        Assert.Equal(1, await SubscribersAsync("room1"));
        Assert.Equal(socketIdRoomsToo ? 1 : 0, await SubscribersAsync(SocketId));

        adapter.Del(SocketId, "room1");
        await ((RedisShardedAdapter)adapter).WhenRoomsSettledAsync();
        Assert.Equal(0, await SubscribersAsync("room1"));

        adapter.DelAll(SocketId);
        await ((RedisShardedAdapter)adapter).WhenRoomsSettledAsync();
        Assert.Equal(0, await SubscribersAsync(SocketId));
    }

    [Fact]
    public async Task A_broadcast_to_one_room_reaches_the_nodes_that_have_it_on_its_channel()
    {
        var (_, sender) = await StartAsync(ShardedSubscriptionMode.Dynamic);
        var (host, receiver) = await StartAsync(ShardedSubscriptionMode.Dynamic);
        host.LocalSockets["b1"] = true;
        receiver.AddAll("b1", ["b1", "room1"]);
        await ((RedisShardedAdapter)receiver).WhenRoomsSettledAsync();

        await sender.BroadcastAsync(new PacketPayload(Encoding.UTF8.GetBytes("""["to-room1"]"""), []), new BroadcastOptions(["room1"], [], BroadcastFlags.None));

        await host.WaitUntilAsync(() => host.EventsOf("b1").Contains("to-room1"), "b1 got the room broadcast");
        Assert.Equal(1, await SubscribersAsync("room1"));
    }

    [Fact]
    public async Task Closing_drops_every_channel()
    {
        var (host, adapter) = await StartAsync(ShardedSubscriptionMode.Dynamic);
        host.LocalSockets["s1"] = true;
        adapter.AddAll("s1", ["s1", "room1"]);
        await ((RedisShardedAdapter)adapter).WhenRoomsSettledAsync();

        await adapter.CloseAsync();

        Assert.Equal(0, await SubscribersAsync("room1"));
        Assert.Equal(0, await SubscribersAsync(null));
    }

    private async Task<(RecordingAdapterHost Host, Adapter Adapter)> StartAsync(ShardedSubscriptionMode mode)
    {
        var factory = new RedisShardedAdapterFactory(redis.Configuration, new RedisShardedAdapterOptions { ChannelPrefix = _prefix, SubscriptionMode = mode });
        _factories.Add(factory);
        var host = new RecordingAdapterHost();
        var adapter = factory.Create(host);
        host.RoomsOf = adapter.SocketRooms;
        await adapter.InitAsync();
        _adapters.Add(adapter);
        return (host, adapter);
    }

    /// <summary>How many connections subscribe to a room's sharded channel (the namespace's own for <see langword="null"/>).</summary>
    private async Task<int> SubscribersAsync(string? room)
    {
        var reply = await _probe.GetDatabase().ExecuteAsync("PUBSUB", "SHARDNUMSUB", room is null ? $"{_prefix}#/#" : $"{_prefix}#/#{room}#");
        return (int)reply[1];
    }
}
