using System.Text.Json;
using System.Text.RegularExpressions;
using SocketIo.Adapters.Cluster;
using SocketIo.Adapters.Tests.Cluster;

namespace SocketIo.Server.Tests.Cluster;

/// <summary>Two servers on one bus, each with its own clients: the user's API across nodes.</summary>
public sealed partial class TwoServerTests : IAsyncLifetime
{
    private readonly InMemoryBus _bus = new();
    private readonly TestNode _a;
    private readonly TestNode _b;

    public TwoServerTests()
    {
        _a = TestNode.On(_bus);
        _b = TestNode.On(_bus);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _a.DisposeAsync();
        await _b.DisposeAsync();
    }

    [GeneratedRegex("^[0-9a-f]{16}$")]
    private static partial Regex NodeId();

    [Fact]
    public void Each_server_has_its_own_id_and_its_adapters_use_it()
    {
        Assert.Matches(NodeId(), _a.Io.ServerId);
        Assert.NotEqual(_a.Io.ServerId, _b.Io.ServerId);
        Assert.Equal(_a.Io.ServerId, ((ClusterAdapter)_a.Io.Sockets.Adapter).Uid);
        Assert.Equal(_a.Io.ServerId, ((ClusterAdapter)_a.Io.Of("/chat").Adapter).Uid);
    }

    [Fact]
    public async Task An_emit_on_one_server_reaches_the_clients_of_both()
    {
        var (onA, _) = await _a.ConnectAsync();
        var (onB, _) = await _b.ConnectAsync();

        await _a.Io.EmitAsync("news", "x");

        Assert.Contains("42[\"news\",\"x\"]", onA.Sent);
        await onB.WaitForAsync(f => f == "42[\"news\",\"x\"]");
    }

    [Fact]
    public async Task A_broadcast_with_ack_counts_and_collects_the_clients_of_both_servers()
    {
        var (onA, clientA) = await _a.ConnectAsync();
        var (onB, clientB) = await _b.ConnectAsync();

        var answers = _a.Io.Timeout(TimeSpan.FromSeconds(10)).EmitWithAckAsync("question");
        await onA.WaitForAsync(f => f == "420[\"question\"]");
        await onB.WaitForAsync(f => f == "420[\"question\"]");
        await TestNode.SendAsync(clientA, "30[\"from a\"]");
        await TestNode.SendAsync(clientB, "30[\"from b\",\"only the first argument crosses nodes\"]");

        Assert.Equal(["[\"from a\"]", "[\"from b\"]"], (await answers.WaitAsync(Infrastructure.TestTimeouts.Default)).Select(a => a.ToString()).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_server_side_emit_reaches_the_typed_listeners_of_the_other_server_only()
    {
        var onB = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var onA = 0;
        _a.Io.OnServerSideEmit("greet", (string text, int n) => Interlocked.Increment(ref onA));
        _b.Io.OnServerSideEmit("greet", (string text, int n) => onB.TrySetResult($"{text} {n}"));
        _a.Io.OnServerSideEmit("sync", () => true);

        await _a.Io.ServerSideEmitAsync("greet", "hi", 42);
        Assert.Equal("hi 42", await onB.Task.WaitAsync(Infrastructure.TestTimeouts.Default));

        // A's listeners start in arrival order: once A answered B's later emit, A's own echo was dropped, not delivered.
        Assert.Single(await _b.Io.ServerSideEmitWithAckAsync("sync", TimeSpan.FromSeconds(10)));
        Assert.Equal(0, Volatile.Read(ref onA));
    }

    [Fact]
    public async Task A_server_side_emit_with_ack_gets_the_answer_of_the_other_server()
    {
        _b.Io.OnServerSideEmit("ping", (string what) => $"pong {what}");
        _b.Io.OnServerSideEmit("reverse", (byte[] data, SocketIoAck ack) => ack.Send(data.Reverse().ToArray(), "dropped"));

        var pong = await _a.Io.ServerSideEmitWithAckAsync("ping", TimeSpan.FromSeconds(10), "me");
        var reversed = await _a.Io.ServerSideEmitWithAckAsync("reverse", TimeSpan.FromSeconds(10), new byte[] { 1, 2, 3 });

        Assert.Equal("[\"pong me\"]", Assert.Single(pong).ToString());
        Assert.Equal([3, 2, 1], Assert.Single(reversed).Get<byte[]>(0));
        Assert.Equal(1, reversed[0].Count);
    }

    [Fact]
    public async Task A_server_side_emit_that_is_not_answered_times_out()
    {
        var timeout = await Assert.ThrowsAsync<BroadcastAckTimeoutException>(() => _a.Io.ServerSideEmitWithAckAsync("nobody-listens", TimeSpan.FromMilliseconds(300)));

        Assert.Empty(timeout.Responses);
        Assert.Contains("0 of 1 nodes answered", timeout.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_server_side_listener_cannot_take_a_socket()
        => Assert.Throws<ArgumentException>(() => _a.Io.OnServerSideEmit("x", (Socket socket) => { }));

    [Fact]
    public async Task Fetch_all_rooms_and_socket_ids_cover_both_servers()
    {
        await ConnectNamedAsync(_a, "ann");
        await ConnectNamedAsync(_b, "ben");
        var ann = _a.Io.Sockets.Sockets.Values.Single();
        var ben = _b.Io.Sockets.Sockets.Values.Single();

        var fetched = await _a.Io.In("r").FetchSocketsAsync();
        var rooms = await _a.Io.AllRoomsAsync();
        var ids = await _a.Io.To("r").AllSocketIdsAsync();

        var local = Assert.Single(fetched, s => s.Local is not null);
        var remote = Assert.Single(fetched, s => s.Local is null);
        Assert.Same(ann, local.Local);
        Assert.Equal("ann", local.Data.GetProperty("name").GetString());
        Assert.Equal(ben.Id, remote.Id);
        Assert.Equal("ben", remote.Data.GetProperty("name").GetString());
        Assert.Equal("/socket.io/?EIO=4&transport=websocket", remote.Handshake.GetProperty("url").GetString());
        Assert.Equal(new[] { ben.Id, "r" }.Order(StringComparer.Ordinal), remote.Rooms.Order(StringComparer.Ordinal));
        Assert.Equal(new[] { ann.Id, ben.Id, "r" }.Order(StringComparer.Ordinal), rooms.Order(StringComparer.Ordinal));
        Assert.Equal(new[] { ann.Id, ben.Id }.Order(StringComparer.Ordinal), ids.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Data_that_cannot_be_serialized_never_fails_a_fetch()
    {
        await ConnectNamedAsync(_a, "ann");
        await ConnectNamedAsync(_b, "ben");
        _a.Io.Sockets.Sockets.Values.Single().Data["bad"] = new Unserializable();
        _b.Io.Sockets.Sockets.Values.Single().Data["bad"] = new Unserializable();

        var fetched = await _a.Io.FetchSocketsAsync();

        // The other server described its socket without the bad entry, and said so.
        var remote = Assert.Single(fetched, s => s.Local is null);
        Assert.Equal("{\"name\":\"ben\"}", remote.Data.GetRawText());
        Assert.Contains(_b.Logs, l => l.Contains("Data[\"bad\"] cannot be serialized", StringComparison.Ordinal));

        // The local socket was not serialized at all until its JSON was read.
        Assert.DoesNotContain(_a.Logs, l => l.Contains("cannot be serialized", StringComparison.Ordinal));
        var local = Assert.Single(fetched, s => s.Local is not null);
        Assert.Equal("{\"name\":\"ann\"}", local.Data.GetRawText());
        Assert.Contains(_a.Logs, l => l.Contains("Data[\"bad\"] cannot be serialized", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Join_leave_disconnect_and_remote_sockets_reach_the_other_server()
    {
        await ConnectNamedAsync(_a, "ann");
        var (onB, _) = await ConnectNamedAsync(_b, "ben");
        var ben = _b.Io.Sockets.Sockets.Values.Single();
        var joined = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var left = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _b.Io.Sockets.Adapter.SocketJoined += (room, _) => { if (room == "joined") joined.TrySetResult(); };
        _b.Io.Sockets.Adapter.SocketLeft += (room, _) => { if (room == "r") left.TrySetResult(); };

        await _a.Io.In("r").SocketsJoinAsync("joined");
        await joined.Task.WaitAsync(Infrastructure.TestTimeouts.Default);
        await _a.Io.In("joined").SocketsLeaveAsync("r");
        await left.Task.WaitAsync(Infrastructure.TestTimeouts.Default);
        var remote = Assert.Single(await _a.Io.In("joined").FetchSocketsAsync(), s => s.Local is null);
        await remote.EmitAsync("hello-remote", 1);
        await onB.WaitForAsync(f => f == "42[\"hello-remote\",1]");
        await remote.DisconnectAsync();
        await onB.WaitForAsync(f => f == "41");

        Assert.False(ben.Connected);
        Assert.Single(_a.Io.Sockets.Sockets);
    }

    private static async Task<(Unit.RecordingConnection Connection, SocketIo.Engine.IEngineIoSessionHandler Client)> ConnectNamedAsync(TestNode node, string name)
    {
        node.Io.Sockets.Use(async (socket, next) =>
        {
            if (!socket.Data.ContainsKey("name"))
            {
                socket.Data["name"] = name;
                socket.Join("r");
            }

            await next();
        });
        return await node.ConnectAsync();
    }

    /// <summary>A value System.Text.Json fails on: its one property throws.</summary>
    private sealed class Unserializable
    {
        private readonly string _reason = "not serializable";

        public string Value => throw new InvalidOperationException(_reason);
    }
}
