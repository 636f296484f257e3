using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using SocketIo.Adapters;
using SocketIo.Protocol.Packets;
using SocketIo.Protocol.Parsers;

namespace SocketIo.Adapters.Tests;

/// <summary>
/// What every adapter must do on one node: keep rooms, pick recipients, frame a broadcast once, and report. A
/// scale-out adapter passes this alone (a cluster of one) and <see cref="ClusterAdapterSpecification"/> with others.
/// </summary>
public abstract class AdapterSpecification : IAsyncLifetime
{
    protected AdapterSpecification()
    {
        Host = new RecordingAdapterHost();
        Adapter = CreateAdapter(Host);
        Host.RoomsOf = Adapter.SocketRooms;
        foreach (var id in new[] { "s1", "s2", "s3" })
        {
            Connect(id);
        }
    }

    protected RecordingAdapterHost Host { get; }

    protected Adapter Adapter { get; }

    protected abstract Adapter CreateAdapter(IAdapterHost host);

    public virtual async Task InitializeAsync() => await Adapter.InitAsync();

    public virtual async Task DisposeAsync() => await Adapter.CloseAsync();

    private void Connect(string id)
    {
        Host.LocalSockets[id] = true;
        Adapter.AddAll(id, [id]);
    }

    private static readonly PacketPayload Hello = new(Encoding.UTF8.GetBytes("[\"hello\",1]"), []);

    private static BroadcastOptions To(string[] rooms, string[]? except = null, BroadcastFlags? flags = null)
        => new([.. rooms], [.. except ?? []], flags ?? BroadcastFlags.None);

    private static BroadcastFlags WithTimeout => new(Timeout: TimeSpan.FromSeconds(5));

    [Fact]
    public void Every_socket_is_in_its_own_room_and_the_rooms_it_joins()
    {
        Adapter.AddAll("s1", ["room1", "room2"]);

        Assert.Equal(["room1", "room2", "s1"], Adapter.SocketRooms("s1").Order(StringComparer.Ordinal));
        Assert.Equal(["room1", "room2", "s1", "s2", "s3"], Adapter.Rooms.Order(StringComparer.Ordinal));
        Assert.Empty(Adapter.SocketRooms("unknown"));
    }

    [Fact]
    public async Task Broadcast_without_rooms_reaches_every_socket_once()
    {
        Adapter.AddAll("s1", ["room1"]);

        await Adapter.BroadcastAsync(Hello, BroadcastOptions.All);

        Assert.Equal(["s1", "s2", "s3"], Host.Recipients.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Broadcast_to_overlapping_rooms_reaches_each_member_once_minus_the_excluded()
    {
        Adapter.AddAll("s1", ["a", "b"]);
        Adapter.AddAll("s2", ["b"]);
        Adapter.AddAll("s3", ["c"]);

        await Adapter.BroadcastAsync(Hello, To(["a", "b"]));
        Assert.Equal(["s1", "s2"], Host.Recipients.Order(StringComparer.Ordinal));

        Host.Sent.Clear();
        await Adapter.BroadcastAsync(Hello, To(["a", "b", "c"], except: ["a"]));
        Assert.Equal(["s2", "s3"], Host.Recipients.Order(StringComparer.Ordinal));

        Host.Sent.Clear();
        await Adapter.BroadcastAsync(Hello, To([], except: ["s3"]));
        Assert.Equal(["s1", "s2"], Host.Recipients.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_broadcast_is_framed_once_and_every_recipient_gets_the_same_bytes()
    {
        await Adapter.BroadcastAsync(new PacketPayload(Encoding.UTF8.GetBytes("[\"file\",{\"_placeholder\":true,\"num\":0}]"), [new byte[] { 1, 2 }]), BroadcastOptions.All);

        var frames = Host.Sent.Select(s => s.Frames).ToList();
        Assert.Equal(3, frames.Count);
        Assert.All(frames, f => Assert.Same(BackingArray(frames[0][0].Payload), BackingArray(f[0].Payload)));
        Assert.Equal("451-[\"file\",{\"_placeholder\":true,\"num\":0}]", Encoding.UTF8.GetString(frames[0][0].Payload.Span));
        Assert.True(frames[0][1].IsBinary);
    }

    [Fact]
    public async Task A_broadcast_is_framed_once_with_the_hosts_parser()
    {
        Host.Parser = SocketIoParsers.MessagePack;
        var packet = new PacketPayload(Encoding.UTF8.GetBytes("[\"file\",{\"_placeholder\":true,\"num\":0}]"), [new byte[] { 1, 2 }]);
        await Adapter.BroadcastAsync(packet, BroadcastOptions.All);

        var frames = Host.Sent.Select(s => s.Frames).ToList();
        Assert.Equal(3, frames.Count);
        var expected = Assert.Single(SocketIoParsers.MessagePack.EncodeEvent(Host.NamespaceName, packet, ackId: null));
        Assert.All(frames, f =>
        {
            var frame = Assert.Single(f);
            Assert.True(frame.IsBinary);
            Assert.Equal(expected.Payload.ToArray(), frame.Payload.ToArray());
            Assert.Same(BackingArray(frames[0][0].Payload), BackingArray(frame.Payload));
        });

        Host.Sent.Clear();
        await Adapter.BroadcastWithAckAsync(packet, new BroadcastOptions([], [], WithTimeout), _ => { }, _ => { });
        var withAck = Host.Sent.Select(s => Assert.Single(s.Frames)).ToList();
        Assert.Equal(3, withAck.Count);
        var ackId = Host.AwaitingAcks.Values.First().AckId;
        Assert.Equal(SocketIoParsers.MessagePack.EncodeEvent(Host.NamespaceName, packet, ackId)[0].Payload.ToArray(), withAck[0].Payload.ToArray());
        Assert.All(withAck, f => Assert.Same(BackingArray(withAck[0].Payload), BackingArray(f.Payload)));
    }

    private static byte[]? BackingArray(ReadOnlyMemory<byte> memory)
        => MemoryMarshal.TryGetArray(memory, out var segment) ? segment.Array : null;

    [Fact]
    public async Task Volatile_flag_reaches_the_host()
    {
        await Adapter.BroadcastAsync(Hello, To(["s1"], flags: new BroadcastFlags(Volatile: true)));

        var sent = Assert.Single(Host.Sent);
        Assert.True(sent.IsVolatile);
    }

    [Fact]
    public void Room_lifecycle_events_fire_once_per_change()
    {
        var log = new List<string>();
        Adapter.RoomCreated += room => log.Add($"create {room}");
        Adapter.RoomDeleted += room => log.Add($"delete {room}");
        Adapter.SocketJoined += (room, id) => log.Add($"join {room} {id}");
        Adapter.SocketLeft += (room, id) => log.Add($"leave {room} {id}");

        Adapter.AddAll("s1", ["r"]);
        Adapter.AddAll("s2", ["r"]);
        Adapter.AddAll("s2", ["r"]);
        Adapter.Del("s1", "r");
        Adapter.DelAll("s2");

        Assert.Equal(
            ["create r", "join r s1", "join r s2", "leave r s1", "delete s2", "delete r", "leave s2 s2", "leave r s2"],
            log);
    }

    [Fact]
    public void A_throwing_room_event_subscriber_neither_stops_the_change_nor_the_other_subscribers()
    {
        var left = new List<string>();
        Adapter.AddAll("s1", ["r1", "r2"]);
        Adapter.RoomDeleted += _ => throw new InvalidOperationException("subscriber bug");
        Adapter.SocketLeft += (_, _) => throw new InvalidOperationException("subscriber bug");
        Adapter.SocketLeft += (room, _) => left.Add(room);

        Adapter.DelAll("s1");

        Assert.Empty(Adapter.SocketRooms("s1"));
        Assert.DoesNotContain("r1", Adapter.Rooms);
        Assert.Equal(["r1", "r2", "s1"], left.Order(StringComparer.Ordinal));
        Assert.Equal(6, Host.Logs.Count(l => l.Contains("subscriber of / threw", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_room_follows_its_members_one_by_one_from_one_to_several_and_back()
    {
        async Task<string[]> ReachedByAsync(string room)
        {
            Host.Sent.Clear();
            await Adapter.BroadcastAsync(Hello, To([room]));
            return [.. Host.Recipients.Order(StringComparer.Ordinal)];
        }

        // A socket's own-id room starts with one member; another socket may join it, as in Node.
        Adapter.AddAll("s2", ["s1"]);
        Assert.Equal(["s1", "s2"], await ReachedByAsync("s1"));
        Adapter.Del("s1", "s1");
        Assert.Equal(["s2"], await ReachedByAsync("s1"));
        Adapter.Del("s2", "s1");
        Assert.Empty(await ReachedByAsync("s1"));
        Assert.DoesNotContain("s1", Adapter.Rooms);

        Adapter.AddAll("s1", ["r"]);
        Adapter.AddAll("s1", ["r"]);
        Assert.Equal(["s1"], await ReachedByAsync("r"));
        Adapter.AddAll("s3", ["r"]);
        Assert.Equal(["s1", "s3"], await ReachedByAsync("r"));
        Adapter.DelAll("s1");
        Assert.Equal(["s3"], await ReachedByAsync("r"));
        Assert.Equal(["r", "s3"], Adapter.SocketRooms("s3").Order(StringComparer.Ordinal));
        Adapter.Del("s3", "r");
        Assert.Equal(["s3"], Adapter.SocketRooms("s3"));
        Assert.DoesNotContain("r", Adapter.Rooms);
        Adapter.Del("s3", "s3");
        Assert.Empty(Adapter.SocketRooms("s3"));
        Adapter.AddAll("s3", ["s3"]);
        Assert.Equal(["s3"], await ReachedByAsync("s3"));
    }

    [Fact]
    public async Task Leaving_every_room_removes_the_socket_from_all_of_them()
    {
        Adapter.AddAll("s1", ["r1", "r2"]);

        Adapter.DelAll("s1");

        Assert.Empty(Adapter.SocketRooms("s1"));
        Assert.DoesNotContain("r1", Adapter.Rooms);
        await Adapter.BroadcastAsync(Hello, BroadcastOptions.All);
        Assert.DoesNotContain("s1", Host.Recipients);
    }

    [Fact]
    public async Task Broadcast_with_ack_reports_the_count_and_shares_one_ack_id()
    {
        Adapter.AddAll("s1", ["r"]);
        Adapter.AddAll("s2", ["r"]);
        var counts = new List<int>();
        var answers = new List<string?>();

        await Adapter.BroadcastWithAckAsync(Hello, To(["r"], flags: WithTimeout), counts.Add, ack => answers.Add(ack.SocketId));
        foreach (var (id, (_, onAck)) in Host.AwaitingAcks)
        {
            onAck(new AckResponse(id, [], []));
        }

        Assert.Equal([2], counts);
        Assert.Single(Host.AwaitingAcks.Values.Select(a => a.AckId).Distinct());
        Assert.Equal(["s1", "s2"], answers.Order(StringComparer.Ordinal));
        Assert.StartsWith("420[", Encoding.UTF8.GetString(Host.Sent.First().Frames[0].Payload.Span), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Broadcast_with_ack_counts_only_the_sockets_the_event_was_queued_to()
    {
        Host.Unreachable["s2"] = true;
        var counts = new List<int>();

        await Adapter.BroadcastWithAckAsync(Hello, To([], flags: WithTimeout), counts.Add, _ => { });

        Assert.Equal([2], counts);
        Assert.Equal(["s1", "s3"], Host.Recipients.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Broadcast_with_ack_needs_a_timeout()
        => await Assert.ThrowsAsync<ArgumentException>(async () => await Adapter.BroadcastWithAckAsync(Hello, BroadcastOptions.All, _ => { }, _ => { }));

    [Fact]
    public async Task Fetch_join_leave_and_disconnect_act_on_the_selection()
    {
        Adapter.AddAll("s1", ["r"]);
        Adapter.AddAll("s2", ["r"]);

        var fetched = await Adapter.FetchSocketsAsync(To(["r"], except: ["s2"]));
        await Adapter.AddSocketsAsync(To(["r"]), ["moved"]);
        await Adapter.DelSocketsAsync(To(["s2"]), ["r"]);
        await Adapter.DisconnectSocketsAsync(To(["moved"], except: ["s1"]), close: true);

        Assert.Equal("s1", Assert.Single(fetched.LocalIds));
        Assert.Empty(fetched.Remote);
        Assert.Contains("moved", Adapter.SocketRooms("s1"));
        Assert.Equal(["moved", "s2"], Adapter.SocketRooms("s2").Order(StringComparer.Ordinal));
        Assert.Equal(("s2", true), Assert.Single(Host.Disconnected));
    }

    [Fact]
    public async Task Local_sockets_are_described_only_when_asked()
    {
        await Adapter.FetchSocketsAsync(BroadcastOptions.All);

        // Describing is for other nodes: a local fetch returns ids and serializes nothing.
        Assert.Empty(Host.Logs);
        var details = Host.Describe("s1");
        Assert.Equal("s1", details!.Data.GetProperty("name").GetString());
    }

    [Fact]
    public async Task Alone_a_node_counts_itself_and_server_side_emits_reach_no_one()
    {
        Assert.Equal(1, await Adapter.ServerCountAsync());
        await Adapter.ServerSideEmitAsync(Hello);
        Assert.Empty(await Adapter.ServerSideEmitWithAckAsync(Hello, TimeSpan.FromSeconds(1)));
        Assert.Empty(Host.ServerSideEmits);
    }

    [Fact]
    public async Task All_rooms_alone_are_the_local_rooms()
    {
        Adapter.AddAll("s1", ["r"]);

        var rooms = await Adapter.AllRoomsAsync();

        Assert.Equal(["r", "s1", "s2", "s3"], rooms.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void An_answer_converts_to_its_payload_form_and_back()
    {
        using var json = JsonDocument.Parse("[{\"_placeholder\":true,\"num\":0},\"two\"]");
        var answer = new AckResponse("s1", [json.RootElement[0].Clone(), json.RootElement[1].Clone()], [[7, 8]]);

        var payload = answer.ToPayload();
        var back = AckResponse.FromPayload(payload);

        Assert.Equal("[{\"_placeholder\":true,\"num\":0},\"two\"]", Encoding.UTF8.GetString(payload.Json.Span));
        Assert.Equal([7, 8], Assert.Single(back.Attachments));
        Assert.Equal("two", back.Arguments[1].GetString());
        var first = answer.FirstArgumentOnly();
        Assert.Null(first.SocketId);
        Assert.Single(first.Arguments);
        Assert.Single(first.Attachments);
    }
}
