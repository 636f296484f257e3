using SocketIo.Adapters;
using SocketIo.Adapters.Cluster;
using SocketIo.Adapters.Wire;
using SocketIo.Redis.Classic;
using SocketIo.Redis.Emitter;
using SocketIo.Redis.Sharded;
using static SocketIo.Redis.Tests.Infrastructure.WireText;

namespace SocketIo.Redis.Tests.Interop;

/// <summary>The scenarios of the Node adapter interop tests, written with our encoders.</summary>
internal static class NodeAdapterCases
{
    public const string Sid = "n4bzGXmNrL7YdgJgAAAC";
    public const string NodeShardedUid = "9a68ad3c92856e71";
    public const string OurShardedUid = "0123456789abcdef";

    public const string Handshake = """{"headers":{"host":"127.0.0.1:3000"},"time":"Sat Nov 21 2026 19:51:19 GMT+0000 (Coordinated Universal Time)","address":"127.0.0.1","xdomain":false,"secure":false,"issued":1795290679969,"url":"/socket.io/?EIO=4&transport=websocket","query":{"EIO":"4","transport":"websocket"},"auth":{"token":"t"}}""";

    public static readonly ClassicChannels ClassicMain = new(ClassicChannels.DefaultKey, "/");
    public static readonly ShardedChannels ShardedMain = new(ShardedChannels.DefaultPrefix, "/", ShardedSubscriptionMode.Dynamic);

    /// <summary>The socket the Node side's fake namespace holds, as we read it (its binary data as Node's Buffer JSON).</summary>
    public static SocketDetails NodeSocket => new(Sid, Json(Handshake), [Sid, "room1"], Json("""{"user":"bob","avatar":{"type":"Buffer","data":[1,2]}}"""));

    /// <summary>A socket of ours (our sockets' data never holds binary: the server writes byte arrays as base64).</summary>
    public static SocketDetails OurSocket => new("ourSocketIdAAAAAAAAA", Json("""{"headers":{},"auth":{}}"""), ["ourSocketIdAAAAAAAAA"], Json("""{"avatar":"BQ=="}"""));

    /// <summary>What the Node scenarios of the same names publish, written by us.</summary>
    public static IReadOnlyDictionary<string, (string Channel, byte[] Payload)[]> Produced { get; } = new Dictionary<string, (string, byte[])[]>
    {
        ["classic.broadcast.room"] = [(ClassicMain.Room("room1"), ClassicBroadcastCodec.Encode(new("ABCDEF", Packet("""["hello","world"]""", "/"), Options(["room1"]))))],
        ["classic.broadcast.binary"] = [(ClassicMain.Broadcast, ClassicBroadcastCodec.Encode(new(
            "ABCDEF",
            new BroadcastPacket(Payload("""["bin",{"_placeholder":true,"num":0},{"x":[1.5,{"_placeholder":true,"num":1}]},-7,null,true]""", [1, 2, 3], []), "/"),
            Options(except: ["r3"], flags: new BroadcastFlags(Volatile: true, Compress: false)))))],
        ["classic.broadcastWithAck"] = ClassicRequest(new BroadcastWithAckRequest("ABCDEF", "XYZ123", Packet("""["ackme",7]""", "/"), Options(flags: new BroadcastFlags(Timeout: TimeSpan.FromSeconds(2))))),
        ["classic.allRooms"] = ClassicRequest(new AllRoomsRequest("ABCDEF", "REQ001")),
        ["classic.fetchSockets"] = ClassicRequest(new RemoteFetchRequest("ABCDEF", "REQ002", Options(["r"], ["x"]))),
        ["classic.addSockets"] = ClassicRequest(new RemoteJoinRequest("ABCDEF", Options(["room1"]), ["room9"])),
        ["classic.delSockets"] = ClassicRequest(new RemoteLeaveRequest("ABCDEF", Options(except: ["room2"]), ["room9"])),
        ["classic.disconnectSockets"] = ClassicRequest(new RemoteDisconnectRequest("ABCDEF", Options(["nobody"]), Close: true)),
        ["classic.serverSideEmit"] = ClassicRequest(new ServerSideEmitRequest("ABCDEF", Payload("""["hello-srv",1,"two"]"""))),
        ["classic.serverSideEmitWithAck"] = ClassicRequest(new ServerSideEmitRequest("ABCDEF", Payload("""["ping-srv","x"]"""), "REQ003")),
        ["classic.reply.allRooms"] = ClassicResponse(new RequestReply("Q1", Rooms: [Sid, "room1"])),
        ["classic.reply.fetch"] = ClassicResponse(new RequestReply("Q2", Sockets: [NodeSocket])),
        ["classic.reply.serverSideEmitAck"] = ClassicResponse(new ServerSideEmitResponse("Q3", Value("\"pong\""))),
        ["classic.reply.broadcastAck"] = [.. ClassicResponse(new BroadcastClientCountResponse("Q4", 1)), .. ClassicResponse(new BroadcastAckResponse("Q4", Value("""{"ok":7}""")))],
        ["emitter.emit"] = Emitter(EmitterMessages.Emit(ClassicMain, Payload("""["from-emitter",1,{"b":2}]"""), BroadcastOptions.All)),
        ["emitter.room"] = Emitter(EmitterMessages.Emit(ClassicMain, Payload("""["x",{"_placeholder":true,"num":0},1.5]""", [1, 2]), Options(["room1"], ["room2"], new BroadcastFlags(Volatile: true)))),
        ["emitter.chat"] = Emitter(EmitterMessages.Emit(new ClassicChannels(ClassicChannels.DefaultKey, EmitterMessages.NormalizeNamespace("chat")), Payload("""["x"]"""), Options(flags: new BroadcastFlags(Compress: false)))),
        ["emitter.join"] = Emitter(EmitterMessages.SocketsJoin(ClassicMain, Options(["room1"]), ["room7"])),
        ["emitter.leave"] = Emitter(EmitterMessages.SocketsLeave(ClassicMain, Options(except: ["room2"]), ["room7", "room8"])),
        ["emitter.disconnect"] = Emitter(EmitterMessages.DisconnectSockets(ClassicMain, Options(["nobody"]), close: true)),
        ["emitter.serverSideEmit"] = Emitter(EmitterMessages.ServerSideEmit(ClassicMain, Payload("""["hello-srv","from-emitter"]"""))),
        ["sharded.broadcast"] = ShardedMessage(new ClusterBroadcast(Payload("""["hello","world"]"""), BroadcastOptions.All) { Uid = NodeShardedUid, Namespace = "/" }),
        ["sharded.broadcast.room"] = ShardedMessage(new ClusterBroadcast(Payload("""["hi"]"""), Options(["room1"], flags: new BroadcastFlags(Volatile: true))) { Uid = NodeShardedUid, Namespace = "/" }),
        ["sharded.broadcast.sid"] = ShardedMessage(new ClusterBroadcast(Payload("""["hi"]"""), Options(["l1PYWSjcHZQCPZX7AAAA"])) { Uid = NodeShardedUid, Namespace = "/" }),
        ["sharded.broadcast.binary"] = ShardedMessage(new ClusterBroadcast(Payload("""["bin",{"_placeholder":true,"num":0}]""", [1, 2, 3]), BroadcastOptions.All) { Uid = NodeShardedUid, Namespace = "/" }),
        ["sharded.broadcastWithAck"] = ShardedMessage(new ClusterBroadcast(Payload("""["ackme",7]"""), Options(["room1"], flags: new BroadcastFlags(Timeout: TimeSpan.FromSeconds(2))), "c20ca7c224089495") { Uid = NodeShardedUid, Namespace = "/" }),
        ["sharded.addSockets"] = ShardedMessage(new ClusterSocketsJoin(Options(["room1"]), ["room9"]) { Uid = NodeShardedUid, Namespace = "/" }),
        ["sharded.delSockets"] = ShardedMessage(new ClusterSocketsLeave(Options(except: ["room2"]), ["room9"]) { Uid = NodeShardedUid, Namespace = "/" }),
        ["sharded.disconnectSockets"] = ShardedMessage(new ClusterDisconnectSockets(Options(["nobody"]), Close: true) { Uid = NodeShardedUid, Namespace = "/" }),
        ["sharded.fetchSockets"] = ShardedMessage(new ClusterFetchSockets(BroadcastOptions.All, "64297550da93d96c") { Uid = NodeShardedUid, Namespace = "/" }),
        ["sharded.serverSideEmit"] = ShardedMessage(new ClusterServerSideEmit(Payload("""["hello-srv",1]""")) { Uid = NodeShardedUid, Namespace = "/" }),
        ["sharded.serverSideEmitWithAck"] = ShardedMessage(new ClusterServerSideEmit(Payload("""["ping-srv","x"]"""), "3000f0928632e72d") { Uid = NodeShardedUid, Namespace = "/" }),
        ["sharded.reply.fetch"] = ShardedResponse(new ClusterFetchSocketsResponse("R1", [NodeSocket]) { Uid = NodeShardedUid, Namespace = "/" }),
        ["sharded.reply.serverSideEmitAck"] = ShardedResponse(new ClusterServerSideEmitResponse("R2", Answer("\"pong\"")) { Uid = NodeShardedUid, Namespace = "/" }),
        ["sharded.reply.broadcastAck"] = [.. ShardedResponse(new ClusterBroadcastClientCount("R3", 1) { Uid = NodeShardedUid, Namespace = "/" }), .. ShardedResponse(new ClusterBroadcastAck("R3", Answer("""{"ok":7}""")) { Uid = NodeShardedUid, Namespace = "/" })],
    };

    /// <summary>Our payloads for Node adapters, each in a fresh adapter that has one local socket in room1.</summary>
    public static IReadOnlyList<ConsumeCase> Consume { get; } =
    [
        new("classic.broadcast", false, null, [(ClassicMain.Room("room1"), ClassicBroadcastCodec.Encode(new("CSHARP", new BroadcastPacket(Payload("""["hi",{"_placeholder":true,"num":0},{"n":1.5}]""", [1, 2]), "/"), Options(["room1"], ["room2"], new BroadcastFlags(Volatile: true)))))]),
        new("classic.broadcast.ownRoomOnly", false, null, [(ClassicMain.Room("elsewhere"), ClassicBroadcastCodec.Encode(new("CSHARP", Packet("""["hi"]""", "/"), Options(["elsewhere"]))))]),
        new("emitter.emit", false, null, [Pair(EmitterMessages.Emit(ClassicMain, Payload("""["from-csharp",{"b":2}]"""), Options(["room1"], flags: new BroadcastFlags(Compress: false))))]),
        new("emitter.join", false, null, [Pair(EmitterMessages.SocketsJoin(ClassicMain, Options(["room1"]), ["room7"]))]),
        new("emitter.leave", false, null, [Pair(EmitterMessages.SocketsLeave(ClassicMain, Options(except: ["room2"]), ["room7"]))]),
        new("emitter.disconnect", false, null, [Pair(EmitterMessages.DisconnectSockets(ClassicMain, Options(["nobody"]), close: true))]),
        new("emitter.serverSideEmit", false, null, [Pair(EmitterMessages.ServerSideEmit(ClassicMain, Payload("""["hello-srv","from-csharp"]""")))]),
        new("classic.broadcastWithAck", false, null, [(ClassicMain.Request, ClassicRequestCodec.Encode(new BroadcastWithAckRequest("CSHARP", "RQ0001", new BroadcastPacket(Payload("""["ackme",{"_placeholder":true,"num":0}]""", [9]), "/"), Options(["room1"], flags: new BroadcastFlags(Timeout: TimeSpan.FromMilliseconds(1500))))))]),
        new("classic.serverSideEmitWithAck", false, null, [(ClassicMain.Request, ClassicRequestCodec.Encode(new ServerSideEmitRequest("CSHARP", Payload("""["ping",1]"""), "RQ0002")))]),
        new("classic.fetch", false, null, [(ClassicMain.Request, ClassicRequestCodec.Encode(new RemoteFetchRequest("CSHARP", "RQ0003", Options(["room1"]))))]),
        new("classic.allRooms", false, null, [(ClassicMain.Request, ClassicRequestCodec.Encode(new AllRoomsRequest("CSHARP", "RQ0004")))]),
        new("classic.reply.allRooms", false, "allRooms", [(ClassicMain.Response, ClassicResponseCodec.Encode(new RequestReply("P00001", Rooms: ["remote1"])))]),
        new("classic.reply.fetch", false, "fetchSockets", [(ClassicMain.SpecificResponse("ABCDEF"), ClassicResponseCodec.Encode(new RequestReply("P00002", Sockets: [OurSocket])))]),
        new("classic.reply.serverSideEmit", false, "serverSideEmitWithAck", [(ClassicMain.Response, ClassicResponseCodec.Encode(new ServerSideEmitResponse("P00003", Value("""{"from":"csharp"}"""))))]),
        new("classic.reply.broadcastAck", false, "broadcastWithAck",
        [
            (ClassicMain.Response, ClassicResponseCodec.Encode(new BroadcastClientCountResponse("P00004", 2))),
            (ClassicMain.Response, ClassicResponseCodec.Encode(new BroadcastAckResponse("P00004", Value("""[{"_placeholder":true,"num":0}]""", [7])))),
        ]),
        new("sharded.broadcast.binary", true, null, [OurSharded(new ClusterBroadcast(Payload("""["bin",{"_placeholder":true,"num":0}]""", [1, 2, 3]), Options(["room1"], flags: new BroadcastFlags(Volatile: true))) { Uid = OurShardedUid, Namespace = "/" })]),
        new("sharded.broadcast", true, null, [OurSharded(new ClusterBroadcast(Payload("""["hello",{"x":[1,"y"]}]"""), Options(except: ["room2"])) { Uid = OurShardedUid, Namespace = "/" })]),
        new("sharded.join", true, null, [OurSharded(new ClusterSocketsJoin(Options(["room1"]), ["room9"]) { Uid = OurShardedUid, Namespace = "/" })]),
        new("sharded.leave", true, null, [OurSharded(new ClusterSocketsLeave(Options(["room1"]), ["room1"]) { Uid = OurShardedUid, Namespace = "/" })]),
        new("sharded.disconnect", true, null, [OurSharded(new ClusterDisconnectSockets(Options(["room1"]), Close: false) { Uid = OurShardedUid, Namespace = "/" })]),
        new("sharded.broadcastWithAck", true, null, [OurSharded(new ClusterBroadcast(Payload("""["ackme"]"""), Options(["room1"], flags: new BroadcastFlags(Timeout: TimeSpan.FromSeconds(1))), "dddddddddddddddd") { Uid = OurShardedUid, Namespace = "/" })]),
        new("sharded.serverSideEmitWithAck", true, null, [OurSharded(new ClusterServerSideEmit(Payload("""["ping",1]"""), "eeeeeeeeeeeeeeee") { Uid = OurShardedUid, Namespace = "/" })]),
        new("sharded.fetch", true, null, [OurSharded(new ClusterFetchSockets(Options(["room1"]), "ffffffffffffffff") { Uid = OurShardedUid, Namespace = "/" })]),
        new("sharded.reply.fetch", true, "fetchSockets", [OurShardedResponse(new ClusterFetchSocketsResponse("aaaaaaaaaaaaaaaa", [OurSocket]) { Uid = OurShardedUid, Namespace = "/" })]),
        new("sharded.reply.serverSideEmit", true, "serverSideEmitWithAck", [OurShardedResponse(new ClusterServerSideEmitResponse("bbbbbbbbbbbbbbbb", Answer("[1,2]")) { Uid = OurShardedUid, Namespace = "/" })]),
        new("sharded.reply.broadcastAck", true, "broadcastWithAck",
        [
            OurShardedResponse(new ClusterBroadcastClientCount("cccccccccccccccc", 2) { Uid = OurShardedUid, Namespace = "/" }),
            OurShardedResponse(new ClusterBroadcastAck("cccccccccccccccc", Answer("""{"bin":{"_placeholder":true,"num":0}}""", [7])) { Uid = OurShardedUid, Namespace = "/" }),
        ]),
    ];

    private static BroadcastPacket Packet(string json, string? nsp = null) => new(Payload(json), nsp);

    private static (string, byte[])[] ClassicRequest(Redis.Classic.ClassicRequest request) => [(ClassicMain.Request, ClassicRequestCodec.Encode(request))];

    private static (string, byte[])[] ClassicResponse(Redis.Classic.ClassicResponse response) => [(ClassicMain.Response, ClassicResponseCodec.Encode(response))];

    private static (string, byte[])[] Emitter(EmitterMessage message) => [Pair(message)];

    private static (string, byte[]) Pair(EmitterMessage message) => (message.Channel, message.Payload);

    private static (string, byte[])[] ShardedMessage(ClusterAdapterMessage message) =>
        [(ShardedMain.PublishChannel(message), ShardedMessageCodec.Encode(message))];

    private static (string, byte[])[] ShardedResponse(ClusterAdapterMessage message) =>
        [(ShardedMain.Private("26d2222459d14ebf"), ShardedMessageCodec.Encode(message))];

    private static (string, byte[]) OurSharded(ClusterAdapterMessage message) =>
        (ShardedMain.PublishChannel(message), ShardedMessageCodec.Encode(message));

    private static (string, byte[]) OurShardedResponse(ClusterAdapterMessage message) =>
        (ShardedMain.Private(NodeShardedUid), ShardedMessageCodec.Encode(message));

    /// <summary>Payloads for one fresh Node adapter, after an optional request of its own (<paramref name="Setup"/>).</summary>
    internal sealed record ConsumeCase(string Name, bool Sharded, string? Setup, (string Channel, byte[] Payload)[] Payloads);
}
