using System.Text;
using System.Text.Json;
using SocketIo.Adapters;
using SocketIo.Protocol.Packets;

namespace SocketIo.Adapters.Tests;

/// <summary>
/// What every cluster adapter must do across nodes, through the adapter seam only (so the same cases run over an
/// in-memory bus and over Redis). Node <c>i</c> holds sockets <c>{i}a</c> (in room <c>r</c>) and <c>{i}b</c>; a
/// cluster adapter's tests derive one class per cluster size.
/// </summary>
public abstract class ClusterAdapterSpecification : IAsyncLifetime
{
    private readonly List<ClusterNode> _nodes = [];
    private int _syncs;

    /// <summary>Gets how many nodes the cluster has (2 or 3).</summary>
    protected abstract int NodeCount { get; }

    /// <summary>Creates node <paramref name="node"/>'s adapter of the namespace; all nodes of one test share one cluster.</summary>
    protected abstract Adapter CreateAdapter(int node, IAdapterHost host);

    protected IReadOnlyList<ClusterNode> Nodes => _nodes;

    private ClusterNode First => _nodes[0];

    private IEnumerable<ClusterNode> Others => _nodes.Skip(1);

    public virtual async Task InitializeAsync()
    {
        for (var i = 0; i < NodeCount; i++)
        {
            var host = new RecordingAdapterHost("/", $"node{i}-{Guid.NewGuid():N}"[..16]);
            var node = new ClusterNode(i, host, CreateAdapter(i, host));
            host.RoomsOf = node.Adapter.SocketRooms;
            await node.Adapter.InitAsync();
            node.Connect($"{i}a", "r");
            node.Connect($"{i}b");
            _nodes.Add(node);
        }

        foreach (var node in _nodes)
        {
            Assert.Equal(NodeCount, await node.Adapter.ServerCountAsync());
        }
    }

    public virtual async Task DisposeAsync()
    {
        foreach (var node in _nodes)
        {
            await node.Adapter.CloseAsync();
        }
    }

    private static PacketPayload Event(string name, string arg = "x") => new(Encoding.UTF8.GetBytes($"[\"{name}\",\"{arg}\"]"), []);

    private static BroadcastOptions To(string[] rooms, string[]? except = null, BroadcastFlags? flags = null)
        => new([.. rooms], [.. except ?? []], flags ?? BroadcastFlags.None);

    /// <summary>
    /// Makes sure everything published before has been handled by every node: the first node broadcasts a marker, then
    /// the last one, and every node's sockets receive both. Each node receives in publish order and applies its own
    /// broadcasts locally at once, so the first marker settles the other nodes and the second settles the first. A
    /// transport may carry a broadcast to one room on a channel of its own, in no order with the rest (the sharded Redis
    /// adapter's dynamic modes): the markers then go through room <c>r</c>'s channel too, to its members.
    /// </summary>
    private async Task SyncAsync()
    {
        foreach (var sender in new[] { _nodes[0], _nodes[^1] })
        {
            var marker = $"sync{Interlocked.Increment(ref _syncs)}";
            await sender.Adapter.BroadcastAsync(Event(marker), BroadcastOptions.All);
            foreach (var node in _nodes)
            {
                await node.Host.WaitUntilAsync(() => node.Host.EventsOf($"{node.Index}b").Contains(marker), $"node {node.Index} got {marker}");
            }

            var roomMarker = $"sync{Interlocked.Increment(ref _syncs)}";
            await sender.Adapter.BroadcastAsync(Event(roomMarker), To(["r"]));
            foreach (var node in _nodes)
            {
                foreach (var id in new[] { $"{node.Index}a", $"{node.Index}b" }.Where(id => node.Adapter.SocketRooms(id).Contains("r")))
                {
                    await node.Host.WaitUntilAsync(() => node.Host.EventsOf(id).Contains(roomMarker), $"{id} got {roomMarker}");
                }
            }
        }
    }

    /// <summary>The events a socket got, markers left out.</summary>
    private IReadOnlyList<string> EventsOf(string socketId)
        => [.. _nodes[socketId[0] - '0'].Host.EventsOf(socketId).Where(e => !e.StartsWith("sync", StringComparison.Ordinal))];

    private IEnumerable<string> AllSockets => _nodes.SelectMany(n => new[] { $"{n.Index}a", $"{n.Index}b" });

    [Fact]
    public async Task Every_node_counts_every_node()
    {
        foreach (var node in _nodes)
        {
            Assert.Equal(NodeCount, await node.Adapter.ServerCountAsync());
        }
    }

    [Fact]
    public async Task A_broadcast_to_all_reaches_every_socket_on_every_node_once()
    {
        await First.Adapter.BroadcastAsync(Event("hello"), BroadcastOptions.All);
        await SyncAsync();

        Assert.All(AllSockets, id => Assert.Equal(["hello"], EventsOf(id)));
    }

    [Fact]
    public async Task Rooms_and_exclusions_apply_on_every_node()
    {
        foreach (var node in Others)
        {
            node.Adapter.AddAll($"{node.Index}a", ["excluded"]);
            node.Adapter.AddAll($"{node.Index}b", ["r"]);
        }

        await First.Adapter.BroadcastAsync(Event("to-r"), To(["r"], except: ["excluded"]));
        await First.Adapter.BroadcastAsync(Event("all-but-sender"), To([], except: ["0a"]));
        await SyncAsync();

        var expectedToR = new[] { "0a" }.Concat(Others.Select(n => $"{n.Index}b"));
        Assert.All(AllSockets, id => Assert.Equal(expectedToR.Contains(id), EventsOf(id).Contains("to-r")));
        Assert.All(AllSockets, id => Assert.Equal(id != "0a", EventsOf(id).Contains("all-but-sender")));
    }

    [Fact]
    public async Task A_local_broadcast_stays_on_its_node_and_flags_cross_nodes()
    {
        await First.Adapter.BroadcastAsync(Event("local"), To([], flags: new BroadcastFlags(Local: true)));
        await First.Adapter.BroadcastAsync(Event("volatile"), To(["r"], flags: new BroadcastFlags(Volatile: true)));
        await SyncAsync();

        Assert.All(AllSockets, id => Assert.Equal(id[0] == '0', EventsOf(id).Contains("local")));
        foreach (var node in _nodes)
        {
            var sent = Assert.Single(node.Host.Sent, s => RecordingAdapterHost.EventName(s.Frames[0]) == "volatile");
            Assert.True(sent.IsVolatile);
        }
    }

    [Fact]
    public async Task A_broadcast_with_ack_is_counted_and_answered_on_every_node()
    {
        var counts = new List<int>();
        var answers = new List<string>();
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        First.Adapter.AddAll("0b", ["r"]);
        await First.Adapter.BroadcastWithAckAsync(
            Event("question"),
            To(["r"], flags: new BroadcastFlags(Timeout: TimeSpan.FromSeconds(10))),
            count =>
            {
                lock (counts)
                {
                    counts.Add(count);
                }
            },
            answer =>
            {
                lock (answers)
                {
                    answers.Add(answer.Arguments[0].GetString()!);
                    if (answers.Count == NodeCount + 1)
                    {
                        done.TrySetResult();
                    }
                }
            });

        foreach (var node in _nodes)
        {
            await node.Host.WaitUntilAsync(() => node.Host.AwaitingAcks.ContainsKey($"{node.Index}a"), $"node {node.Index} asked {node.Index}a");
            foreach (var (id, (_, onAck)) in node.Host.AwaitingAcks)
            {
                onAck(new AckResponse(id, [Json($"\"from {id}\""), Json("\"dropped: only the first argument crosses nodes\"")], []));
            }
        }

        await done.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await SyncAsync();
        lock (counts)
        {
            Assert.Equal([2, .. Enumerable.Repeat(1, NodeCount - 1)], counts.Order().Reverse());
        }

        Assert.Equal(["from 0a", "from 0b", .. Others.Select(n => $"from {n.Index}a")], answers.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_node_without_matching_sockets_still_reports_its_count()
    {
        var counts = new List<int>();
        First.Adapter.AddAll("0a", ["only-here"]);

        await First.Adapter.BroadcastWithAckAsync(
            Event("question"),
            To(["only-here"], flags: new BroadcastFlags(Timeout: TimeSpan.FromSeconds(10))),
            count =>
            {
                lock (counts)
                {
                    counts.Add(count);
                    First.Host.Pulse();
                }
            },
            _ => { });

        await First.Host.WaitUntilAsync(() => { lock (counts) { return counts.Count == NodeCount; } }, "every node reported its count");
        lock (counts)
        {
            Assert.Equal([1, .. Enumerable.Repeat(0, NodeCount - 1)], counts.Order().Reverse());
        }
    }

    [Fact]
    public async Task Fetch_returns_local_ids_and_the_other_nodes_descriptions()
    {
        foreach (var node in Others)
        {
            node.Adapter.AddAll($"{node.Index}a", ["excluded"]);
            node.Adapter.AddAll($"{node.Index}b", ["r", "extra"]);
        }

        var fetched = await First.Adapter.FetchSocketsAsync(To(["r"], except: ["excluded"]));

        Assert.Equal(["0a"], fetched.LocalIds);
        Assert.Equal(Others.Select(n => $"{n.Index}b"), fetched.Remote.Select(s => s.Id).Order(StringComparer.Ordinal));
        foreach (var socket in fetched.Remote)
        {
            Assert.Equal([socket.Id, "extra", "r"], socket.Rooms.Order(StringComparer.Ordinal));
            Assert.Equal(socket.Id, socket.Data.GetProperty("name").GetString());
            Assert.Equal(_nodes[socket.Id[0] - '0'].Host.ServerId, socket.Handshake.GetProperty("address").GetString());
        }
    }

    [Fact]
    public async Task Sockets_join_and_leave_rooms_on_every_node()
    {
        await First.Adapter.AddSocketsAsync(To(["r"]), ["joined"]);
        await SyncAsync();
        Assert.All(_nodes, n => Assert.Contains("joined", n.Adapter.SocketRooms($"{n.Index}a")));
        Assert.All(_nodes, n => Assert.DoesNotContain("joined", n.Adapter.SocketRooms($"{n.Index}b")));

        await First.Adapter.DelSocketsAsync(To(["joined"]), ["r"]);
        await SyncAsync();
        Assert.All(_nodes, n => Assert.Equal([$"{n.Index}a", "joined"], n.Adapter.SocketRooms($"{n.Index}a").Order(StringComparer.Ordinal)));
    }

    [Fact]
    public async Task Sockets_are_disconnected_on_every_node()
    {
        await First.Adapter.DisconnectSocketsAsync(To(["r"], except: ["1a"]), close: true);
        await SyncAsync();

        Assert.Equal([("0a", true)], First.Host.Disconnected);
        Assert.Empty(_nodes[1].Host.Disconnected);
        Assert.All(_nodes.Skip(2), n => Assert.Equal([($"{n.Index}a", true)], n.Host.Disconnected));
    }

    [Fact]
    public async Task A_server_side_emit_reaches_every_other_node_but_not_its_own()
    {
        await First.Adapter.ServerSideEmitAsync(Event("hello-nodes", "1"));
        await SyncAsync();

        Assert.Empty(First.Host.ServerSideEmits);
        foreach (var node in Others)
        {
            var (packet, wantsAck) = Assert.Single(node.Host.ServerSideEmits);
            Assert.Equal("[\"hello-nodes\",\"1\"]", Encoding.UTF8.GetString(packet.Json.Span));
            Assert.False(wantsAck);
        }
    }

    [Fact]
    public async Task A_server_side_emit_with_ack_collects_one_answer_per_other_node()
    {
        foreach (var node in _nodes)
        {
            node.Host.AnswerServerSideEmit = _ => new AckResponse(null, [Json($"\"pong {node.Index}\"")], []);
        }

        var answers = await First.Adapter.ServerSideEmitWithAckAsync(Event("ping"), TimeSpan.FromSeconds(10));

        Assert.Equal(Others.Select(n => $"pong {n.Index}"), answers.Select(a => a.Arguments[0].GetString()).Order(StringComparer.Ordinal));
        Assert.Empty(First.Host.ServerSideEmits);
    }

    [Fact]
    public async Task A_server_side_emit_with_ack_times_out_with_the_answers_that_came()
    {
        foreach (var node in _nodes.SkipLast(1))
        {
            node.Host.AnswerServerSideEmit = _ => new AckResponse(null, [Json($"\"pong {node.Index}\"")], []);
        }

        var timeout = await Assert.ThrowsAsync<AdapterTimeoutException>(async () => await First.Adapter.ServerSideEmitWithAckAsync(Event("ping"), TimeSpan.FromMilliseconds(300)));

        Assert.Equal(NodeCount - 1, timeout.Expected);
        Assert.Equal(NodeCount - 2, timeout.Received);
        Assert.Equal(_nodes.Skip(1).SkipLast(1).Select(n => $"pong {n.Index}"), timeout.Responses.Select(a => a.Arguments[0].GetString()));
    }

    [Fact]
    public async Task All_rooms_are_the_rooms_of_every_node()
    {
        _nodes[^1].Adapter.AddAll($"{NodeCount - 1}b", ["far"]);

        var rooms = await First.Adapter.AllRoomsAsync();

        Assert.Equal(AllSockets.Append("r").Append("far").Order(StringComparer.Ordinal), rooms.Order(StringComparer.Ordinal));
    }

    private static JsonElement Json(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    /// <summary>One node of the cluster under test: its namespace stand-in and its adapter.</summary>
    protected sealed record ClusterNode(int Index, RecordingAdapterHost Host, Adapter Adapter)
    {
        public void Connect(string socketId, params string[] rooms)
        {
            Host.LocalSockets[socketId] = true;
            Adapter.AddAll(socketId, [socketId, .. rooms]);
        }
    }
}
