using SocketIo.Adapters;
using SocketIo.Adapters.Tests;
using SocketIo.Redis.Tests.Infrastructure;
using StackExchange.Redis;

namespace SocketIo.Redis.Tests.Emitter;

/// <summary>Our emitter, from outside any server, reaches the sockets of classic Redis adapters on a real Redis.</summary>
public sealed class RedisEmitterTests(RedisServer redis) : IClassFixture<RedisServer>, IAsyncLifetime
{
    private readonly string _key = RedisKeys.Unique();
    private readonly RecordingAdapterHost _host = new();
    private readonly RecordingAdapterHost _chatHost = new("/chat");
    private RedisAdapterFactory _factory = null!;
    private Adapter _adapter = null!;
    private Adapter _chat = null!;
    private ConnectionMultiplexer _connection = null!;
    private RedisEmitter _emitter = null!;

    public async Task InitializeAsync()
    {
        _factory = new RedisAdapterFactory(redis.Configuration, new RedisAdapterOptions { Key = _key });
        _adapter = await StartAsync(_host, "s1", "s2");
        _chat = await StartAsync(_chatHost, "c1");
        _adapter.AddAll("s1", ["room1"]);
        _connection = await ConnectionMultiplexer.ConnectAsync(redis.Configuration);
        _emitter = new RedisEmitter(_connection, new RedisEmitterOptions { Key = _key });
    }

    public async Task DisposeAsync()
    {
        await _adapter.CloseAsync();
        await _chat.CloseAsync();
        await _factory.DisposeAsync();
        await _connection.DisposeAsync();
    }

    [Fact]
    public async Task Emits_reach_the_selected_sockets_of_the_namespace()
    {
        await _emitter.To("room1").EmitAsync("to-room1", 1, new byte[] { 7 });
        await _emitter.Except("room1").Volatile.EmitAsync("all-but-room1");
        await _emitter.Of("chat").EmitAsync("to-chat");
        await _emitter.EmitAsync("sync");
        await _host.WaitUntilAsync(() => _host.EventsOf("s2").Contains("sync"), "s2 got the last emit");
        await _chatHost.WaitUntilAsync(() => _chatHost.EventsOf("c1").Contains("to-chat"), "c1 got the chat emit");

        Assert.Equal(["to-room1", "sync"], _host.EventsOf("s1"));
        Assert.Equal(["all-but-room1", "sync"], _host.EventsOf("s2"));
        var toRoom = _host.Sent.First(s => s.SocketId == "s1");
        Assert.Equal("451-[\"to-room1\",1,{\"_placeholder\":true,\"num\":0}]", System.Text.Encoding.UTF8.GetString(toRoom.Frames[0].Payload.Span));
        Assert.Equal([7], toRoom.Frames[1].Payload.ToArray());
        Assert.True(_host.Sent.Single(s => s.SocketId == "s2" && RecordingAdapterHost.EventName(s.Frames[0]) == "all-but-room1").IsVolatile);
    }

    [Fact]
    public async Task Joins_leaves_disconnects_and_server_side_emits_reach_every_server()
    {
        await _emitter.In("room1").SocketsJoinAsync("joined");
        await _emitter.Except("room1").SocketsLeaveAsync("s2");
        await _emitter.To("joined").DisconnectSocketsAsync(close: true);
        await _emitter.ServerSideEmitAsync("hello-servers", "from-emitter");
        await _host.WaitUntilAsync(() => !_host.ServerSideEmits.IsEmpty, "the server-side emit arrived");

        Assert.Contains("joined", _adapter.SocketRooms("s1"));
        Assert.DoesNotContain("s2", _adapter.SocketRooms("s2"));
        Assert.Equal([("s1", true)], _host.Disconnected);
        var (packet, wantsAck) = Assert.Single(_host.ServerSideEmits);
        Assert.Equal("[\"hello-servers\",\"from-emitter\"]", System.Text.Encoding.UTF8.GetString(packet.Json.Span));
        Assert.False(wantsAck);
    }

    [Theory]
    [InlineData("connect")]
    [InlineData("connect_error")]
    [InlineData("disconnect")]
    [InlineData("disconnecting")]
    [InlineData("newListener")]
    [InlineData("removeListener")]
    public async Task Reserved_event_names_are_refused(string name)
    {
        await Assert.ThrowsAsync<ArgumentException>(() => _emitter.EmitAsync(name));
        await Assert.ThrowsAsync<ArgumentException>(() => _emitter.To("room1").EmitAsync(name));
        await Assert.ThrowsAsync<ArgumentException>(() => _emitter.ServerSideEmitAsync(name));
    }

    private async Task<Adapter> StartAsync(RecordingAdapterHost host, params string[] sockets)
    {
        var adapter = _factory.Create(host);
        host.RoomsOf = adapter.SocketRooms;
        await adapter.InitAsync();
        foreach (var socket in sockets)
        {
            host.LocalSockets[socket] = true;
            adapter.AddAll(socket, [socket]);
        }

        return adapter;
    }
}
