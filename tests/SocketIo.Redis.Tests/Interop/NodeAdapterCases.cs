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

    /// <summary>The socket the Node side's fake namespace holds, as we describe it.</summary>
    public static FetchedSocket NodeSocket => new(Sid, Value(Handshake), [Sid, "room1"], Value("""{"user":"bob","avatar":{"_placeholder":true,"num":0}}""", [1, 2]));

    /// <summary>A socket of ours with binary data.</summary>
    public static FetchedSocket OurSocket => new("ourSocketIdAAAAAAAAA", Value("""{"headers":{},"auth":{}}"""), ["ourSocketIdAAAAAAAAA"], Value("""{"avatar":{"_placeholder":true,"num":0}}""", [5]));

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
        ["sharded.broadcast"] = ShardedMessage(new BroadcastMessage(Packet("""["hello","world"]"""), BroadcastOptions.All)),
        ["sharded.broadcast.room"] = ShardedMessage(new BroadcastMessage(Packet("""["hi"]"""), Options(["room1"], flags: new BroadcastFlags(Volatile: true)))),
        ["sharded.broadcast.sid"] = ShardedMessage(new BroadcastMessage(Packet("""["hi"]"""), Options(["l1PYWSjcHZQCPZX7AAAA"]))),
        ["sharded.broadcast.binary"] = ShardedMessage(new BroadcastMessage(new BroadcastPacket(Payload("""["bin",{"_placeholder":true,"num":0}]""", [1, 2, 3])), BroadcastOptions.All)),
        ["sharded.broadcastWithAck"] = ShardedMessage(new BroadcastMessage(Packet("""["ackme",7]"""), Options(["room1"], flags: new BroadcastFlags(Timeout: TimeSpan.FromSeconds(2))), "c20ca7c224089495")),
        ["sharded.addSockets"] = ShardedMessage(new SocketsJoinMessage(Options(["room1"]), ["room9"])),
        ["sharded.delSockets"] = ShardedMessage(new SocketsLeaveMessage(Options(except: ["room2"]), ["room9"])),
        ["sharded.disconnectSockets"] = ShardedMessage(new DisconnectSocketsMessage(Options(["nobody"]), Close: true)),
        ["sharded.fetchSockets"] = ShardedMessage(new FetchSocketsMessage(BroadcastOptions.All, "64297550da93d96c")),
        ["sharded.serverSideEmit"] = ShardedMessage(new ServerSideEmitMessage(Payload("""["hello-srv",1]"""))),
        ["sharded.serverSideEmitWithAck"] = ShardedMessage(new ServerSideEmitMessage(Payload("""["ping-srv","x"]"""), "3000f0928632e72d")),
        ["sharded.reply.fetch"] = ShardedResponse(new FetchSocketsResponseMessage("R1", [NodeSocket])),
        ["sharded.reply.serverSideEmitAck"] = ShardedResponse(new ServerSideEmitResponseMessage("R2", Value("\"pong\""))),
        ["sharded.reply.broadcastAck"] = [.. ShardedResponse(new BroadcastClientCountMessage("R3", 1)), .. ShardedResponse(new BroadcastAckMessage("R3", Value("""{"ok":7}""")))],
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
        new("sharded.broadcast.binary", true, null, [OurSharded(new BroadcastMessage(new BroadcastPacket(Payload("""["bin",{"_placeholder":true,"num":0}]""", [1, 2, 3])), Options(["room1"], flags: new BroadcastFlags(Volatile: true))))]),
        new("sharded.broadcast", true, null, [OurSharded(new BroadcastMessage(Packet("""["hello",{"x":[1,"y"]}]"""), Options(except: ["room2"])))]),
        new("sharded.join", true, null, [OurSharded(new SocketsJoinMessage(Options(["room1"]), ["room9"]))]),
        new("sharded.leave", true, null, [OurSharded(new SocketsLeaveMessage(Options(["room1"]), ["room1"]))]),
        new("sharded.disconnect", true, null, [OurSharded(new DisconnectSocketsMessage(Options(["room1"]), Close: false))]),
        new("sharded.broadcastWithAck", true, null, [OurSharded(new BroadcastMessage(Packet("""["ackme"]"""), Options(["room1"], flags: new BroadcastFlags(Timeout: TimeSpan.FromSeconds(1))), "dddddddddddddddd"))]),
        new("sharded.serverSideEmitWithAck", true, null, [OurSharded(new ServerSideEmitMessage(Payload("""["ping",1]"""), "eeeeeeeeeeeeeeee"))]),
        new("sharded.fetch", true, null, [OurSharded(new FetchSocketsMessage(Options(["room1"]), "ffffffffffffffff"))]),
        new("sharded.reply.fetch", true, "fetchSockets", [OurShardedResponse(new FetchSocketsResponseMessage("aaaaaaaaaaaaaaaa", [OurSocket]))]),
        new("sharded.reply.serverSideEmit", true, "serverSideEmitWithAck", [OurShardedResponse(new ServerSideEmitResponseMessage("bbbbbbbbbbbbbbbb", Value("[1,2]")))]),
        new("sharded.reply.broadcastAck", true, "broadcastWithAck",
        [
            OurShardedResponse(new BroadcastClientCountMessage("cccccccccccccccc", 2)),
            OurShardedResponse(new BroadcastAckMessage("cccccccccccccccc", Value("""{"bin":{"_placeholder":true,"num":0}}""", [7]))),
        ]),
    ];

    private static BroadcastPacket Packet(string json, string? nsp = null) => new(Payload(json), nsp);

    private static (string, byte[])[] ClassicRequest(Redis.Classic.ClassicRequest request) => [(ClassicMain.Request, ClassicRequestCodec.Encode(request))];

    private static (string, byte[])[] ClassicResponse(Redis.Classic.ClassicResponse response) => [(ClassicMain.Response, ClassicResponseCodec.Encode(response))];

    private static (string, byte[])[] Emitter(EmitterMessage message) => [Pair(message)];

    private static (string, byte[]) Pair(EmitterMessage message) => (message.Channel, message.Payload);

    private static (string, byte[])[] ShardedMessage(ClusterMessage message) =>
        [(ShardedMain.PublishChannel(message), ShardedMessageCodec.Encode(new ClusterEnvelope(NodeShardedUid, "/", message)))];

    private static (string, byte[])[] ShardedResponse(ClusterMessage message) =>
        [(ShardedMain.Private("26d2222459d14ebf"), ShardedMessageCodec.Encode(new ClusterEnvelope(NodeShardedUid, "/", message)))];

    private static (string, byte[]) OurSharded(ClusterMessage message) =>
        (ShardedMain.PublishChannel(message), ShardedMessageCodec.Encode(new ClusterEnvelope(OurShardedUid, "/", message)));

    private static (string, byte[]) OurShardedResponse(ClusterMessage message) =>
        (ShardedMain.Private(NodeShardedUid), ShardedMessageCodec.Encode(new ClusterEnvelope(OurShardedUid, "/", message)));

    /// <summary>Payloads for one fresh Node adapter, after an optional request of its own (<paramref name="Setup"/>).</summary>
    internal sealed record ConsumeCase(string Name, bool Sharded, string? Setup, (string Channel, byte[] Payload)[] Payloads);
}
