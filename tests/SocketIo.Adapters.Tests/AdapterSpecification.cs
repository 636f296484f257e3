using System.Runtime.InteropServices;
using System.Text;
using SocketIo.Adapters;
using SocketIo.Protocol.Packets;

namespace SocketIo.Adapters.Tests;

/// <summary>
/// What every adapter must do on one node: keep rooms, pick recipients, frame a broadcast once, and report. A
/// scale-out adapter's tests derive from this class and add their own cross-node cases.
/// </summary>
public abstract class AdapterSpecification
{
    protected AdapterSpecification()
    {
        Host = new RecordingAdapterHost();
        Adapter = CreateAdapter(Host);
        foreach (var id in new[] { "s1", "s2", "s3" })
        {
            Connect(id);
        }
    }

    protected RecordingAdapterHost Host { get; }

    protected Adapter Adapter { get; }

    protected abstract Adapter CreateAdapter(IAdapterHost host);

    private void Connect(string id)
    {
        Host.LocalSockets.Add(id);
        Adapter.AddAll(id, [id]);
    }

    private static readonly PacketPayload Hello = new(Encoding.UTF8.GetBytes("[\"hello\",1]"), []);

    private static BroadcastOptions To(string[] rooms, string[]? except = null, BroadcastFlags? flags = null)
        => new([.. rooms], [.. except ?? []], flags ?? BroadcastFlags.None);

    [Fact]
    public void Every_socket_is_in_its_own_room_and_the_rooms_it_joins()
    {
        Adapter.AddAll("s1", ["room1", "room2"]);

        Assert.Equal(["room1", "room2", "s1"], Adapter.SocketRooms("s1").Order(StringComparer.Ordinal));
        Assert.Equal(["room1", "room2", "s1", "s2", "s3"], Adapter.Rooms.Order(StringComparer.Ordinal));
        Assert.Empty(Adapter.SocketRooms("unknown"));
    }

    [Fact]
    public void Broadcast_without_rooms_reaches_every_socket_once()
    {
        Adapter.AddAll("s1", ["room1"]);

        Adapter.Broadcast(Hello, BroadcastOptions.All);

        Assert.Equal(["s1", "s2", "s3"], Host.Recipients.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Broadcast_to_overlapping_rooms_reaches_each_member_once_minus_the_excluded()
    {
        Adapter.AddAll("s1", ["a", "b"]);
        Adapter.AddAll("s2", ["b"]);
        Adapter.AddAll("s3", ["c"]);

        Adapter.Broadcast(Hello, To(["a", "b"]));
        Assert.Equal(["s1", "s2"], Host.Recipients.Order(StringComparer.Ordinal));

        Host.Sent.Clear();
        Adapter.Broadcast(Hello, To(["a", "b", "c"], except: ["a"]));
        Assert.Equal(["s2", "s3"], Host.Recipients.Order(StringComparer.Ordinal));

        Host.Sent.Clear();
        Adapter.Broadcast(Hello, To([], except: ["s3"]));
        Assert.Equal(["s1", "s2"], Host.Recipients.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_broadcast_is_framed_once_and_every_recipient_gets_the_same_bytes()
    {
        Adapter.Broadcast(new PacketPayload(Encoding.UTF8.GetBytes("[\"file\",{\"_placeholder\":true,\"num\":0}]"), [new byte[] { 1, 2 }]), BroadcastOptions.All);

        var frames = Host.Sent.Select(s => s.Frames).ToList();
        Assert.Equal(3, frames.Count);
        Assert.All(frames, f => Assert.Same(BackingArray(frames[0][0].Payload), BackingArray(f[0].Payload)));
        Assert.Equal("451-[\"file\",{\"_placeholder\":true,\"num\":0}]", Encoding.UTF8.GetString(frames[0][0].Payload.Span));
        Assert.True(frames[0][1].IsBinary);
    }

    private static byte[]? BackingArray(ReadOnlyMemory<byte> memory)
        => MemoryMarshal.TryGetArray(memory, out var segment) ? segment.Array : null;

    [Fact]
    public void Volatile_flag_reaches_the_host()
    {
        Adapter.Broadcast(Hello, To(["s1"], flags: new BroadcastFlags(Volatile: true)));

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
    public void Leaving_every_room_removes_the_socket_from_all_of_them()
    {
        Adapter.AddAll("s1", ["r1", "r2"]);

        Adapter.DelAll("s1");

        Assert.Empty(Adapter.SocketRooms("s1"));
        Assert.DoesNotContain("r1", Adapter.Rooms);
        Adapter.Broadcast(Hello, BroadcastOptions.All);
        Assert.DoesNotContain("s1", Host.Recipients);
    }

    [Fact]
    public void Broadcast_with_ack_reports_the_count_and_shares_one_ack_id()
    {
        Adapter.AddAll("s1", ["r"]);
        Adapter.AddAll("s2", ["r"]);
        var counts = new List<int>();
        var answers = new List<string>();

        Adapter.BroadcastWithAck(Hello, To(["r"], flags: new BroadcastFlags(Timeout: TimeSpan.FromSeconds(5))), counts.Add, ack => answers.Add(ack.SocketId));
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
    public async Task Fetch_join_leave_and_disconnect_act_on_the_selection()
    {
        Adapter.AddAll("s1", ["r"]);
        Adapter.AddAll("s2", ["r"]);

        var fetched = await Adapter.FetchSocketsAsync(To(["r"], except: ["s2"]));
        Adapter.AddSockets(To(["r"]), ["moved"]);
        Adapter.DelSockets(To(["s2"]), ["r"]);
        Adapter.DisconnectSockets(To(["moved"], except: ["s1"]), close: true);

        Assert.Equal("s1", Assert.Single(fetched).Id);
        Assert.Contains("moved", Adapter.SocketRooms("s1"));
        Assert.Equal(["moved", "s2"], Adapter.SocketRooms("s2").Order(StringComparer.Ordinal));
        Assert.Equal(("s2", true), Assert.Single(Host.Disconnected));
    }

    [Fact]
    public async Task Alone_a_node_counts_itself_and_server_side_emits_reach_no_one()
    {
        Assert.Equal(1, await Adapter.ServerCountAsync());
        Assert.Empty(await Adapter.ServerSideEmitWithAckAsync(Hello, TimeSpan.FromSeconds(1)));
    }
}
