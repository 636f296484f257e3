using SocketIo.Adapters;
using SocketIo.Adapters.Cluster;
using SocketIo.Adapters.Wire;
using static SocketIo.Redis.Tests.Infrastructure.WireText;

namespace SocketIo.Redis.Tests.Cluster;

/// <summary>ClusterAdapter envelopes as captured between Node nodes: read, and written back byte for byte.</summary>
public sealed class ClusterMessageCodecTests
{
    /// <summary>Every JSON envelope captured from Node's sharded adapter, and the heartbeats captured from its postgres adapter.</summary>
    private static readonly string[] s_capturedJson =
    [
        """{"type":3,"data":{"packet":{"type":2,"data":["hello","world"]},"opts":{"rooms":[],"except":[],"flags":{}}},"uid":"9a68ad3c92856e71","nsp":"/"}""",
        """{"type":3,"data":{"packet":{"type":2,"data":["ackme",7]},"requestId":"c20ca7c224089495","opts":{"rooms":[],"except":[],"flags":{"timeout":2000}}},"uid":"9a68ad3c92856e71","nsp":"/"}""",
        """{"type":4,"data":{"opts":{"rooms":["room1"],"except":[],"flags":{}},"rooms":["room9"]},"uid":"9a68ad3c92856e71","nsp":"/"}""",
        """{"type":6,"data":{"opts":{"rooms":["nobody"],"except":[],"flags":{}},"close":true},"uid":"9a68ad3c92856e71","nsp":"/"}""",
        """{"type":7,"data":{"opts":{"rooms":[],"except":[],"flags":{}},"requestId":"64297550da93d96c"},"uid":"9a68ad3c92856e71","nsp":"/"}""",
        """{"type":9,"data":{"packet":["hello-srv",1]},"uid":"9a68ad3c92856e71","nsp":"/"}""",
        """{"type":9,"data":{"requestId":"3000f0928632e72d","packet":["ping-srv","x"]},"uid":"9a68ad3c92856e71","nsp":"/"}""",
        """{"type":10,"data":{"requestId":"3000f0928632e72d","packet":"pong-from-B"},"uid":"26d2222459d14ebf","nsp":"/"}""",
        """{"type":11,"data":{"requestId":"c20ca7c224089495","clientCount":1},"uid":"26d2222459d14ebf","nsp":"/"}""",
        """{"type":12,"data":{"requestId":"c20ca7c224089495","packet":{"ok":7}},"uid":"26d2222459d14ebf","nsp":"/"}""",
        """{"type":1,"uid":"efb7b60564a35504","nsp":"/"}""",
        """{"type":2,"uid":"72476a267cffa801","nsp":"/"}""",
    ];

    public static TheoryData<string> CapturedJson => [.. s_capturedJson];

    [Theory]
    [MemberData(nameof(CapturedJson))]
    public void CapturedEnvelopes_RoundTrip_ByteForByte(string captured)
    {
        var envelope = Decode(Utf8(captured));
        Assert.Equal(captured, Text(ClusterMessageCodec.Encode(envelope, WireFraming.Json)));
    }

    [Fact]
    public void CapturedEnvelopes_ReadAsTypedMessages()
    {
        var broadcast = Decode(Utf8(s_capturedJson[1]));
        Assert.Equal("9a68ad3c92856e71", broadcast.Uid);
        Assert.Equal("/", broadcast.Nsp);
        var ackBroadcast = Assert.IsType<BroadcastMessage>(broadcast.Message);
        Assert.Equal("c20ca7c224089495", ackBroadcast.RequestId);
        Assert.Equal("""["ackme",7]""", Text(ackBroadcast.Packet.Data.Json));
        Assert.Null(ackBroadcast.Packet.Nsp);
        Assert.Equal(TimeSpan.FromSeconds(2), ackBroadcast.Options.Flags.Timeout);

        var join = Assert.IsType<SocketsJoinMessage>(Decode(Utf8(s_capturedJson[2])).Message);
        Assert.Equal(["room1"], Sorted(join.Options.Rooms));
        Assert.Equal(["room9"], join.Rooms);

        var disconnect = Assert.IsType<DisconnectSocketsMessage>(Decode(Utf8(s_capturedJson[3])).Message);
        Assert.True(disconnect.Close);

        var emit = Assert.IsType<ServerSideEmitMessage>(Decode(Utf8(s_capturedJson[5])).Message);
        Assert.Null(emit.RequestId);
        Assert.Equal("""["hello-srv",1]""", Text(emit.Packet.Json));

        var emitAck = Assert.IsType<ServerSideEmitResponseMessage>(Decode(Utf8(s_capturedJson[7])).Message);
        Assert.Equal("\"pong-from-B\"", Text(emitAck.Packet!.Json));
        Assert.True(emitAck.IsResponse);

        var count = Assert.IsType<BroadcastClientCountMessage>(Decode(Utf8(s_capturedJson[8])).Message);
        Assert.Equal(1, count.ClientCount);

        Assert.Same(InitialHeartbeatMessage.Instance, Decode(Utf8(s_capturedJson[10])).Message);
        Assert.Same(HeartbeatMessage.Instance, Decode(Utf8(s_capturedJson[11])).Message);
    }

    [Fact]
    public void CapturedBinaryBroadcast_IsMessagePack_AndReadsBack()
    {
        var captured = Captured("""
            84 a4"type" 03 a4"data" 82 a6"packet" 82 a4"type" 02 a4"data" 92 a3"bin" c4 03 01 02 03
            a4"opts" 83 a5"rooms" 90 a6"except" 90 a5"flags" 80 a3"uid" b0"9a68ad3c92856e71" a3"nsp" a1"/"
            """);
        var envelope = Decode(captured);
        var broadcast = Assert.IsType<BroadcastMessage>(envelope.Message);
        AssertPayload("""["bin",{"_placeholder":true,"num":0}]""", [[1, 2, 3]], Text(broadcast.Packet.Data.Json), broadcast.Packet.Data.Attachments);
        Assert.True(broadcast.HasBinary);

        var written = new ClusterEnvelope("9a68ad3c92856e71", "/", new BroadcastMessage(new BroadcastPacket(Payload("""["bin",{"_placeholder":true,"num":0}]""", [1, 2, 3])), BroadcastOptions.All));
        Assert.Equal(Hex(captured), Hex(ClusterMessageCodec.Encode(written, WireFraming.Msgpack)));
    }

    [Fact]
    public void EveryMessage_RoundTrips_InBothFramings()
    {
        var socket = new FetchedSocket("s1", Value("""{"auth":{"token":"t"}}"""), ["s1"], Value("""{"avatar":{"_placeholder":true,"num":0}}""", [7, 7]));
        ClusterMessage[] messages =
        [
            InitialHeartbeatMessage.Instance,
            HeartbeatMessage.Instance,
            AdapterCloseMessage.Instance,
            new BroadcastMessage(new BroadcastPacket(Payload("""["e",{"_placeholder":true,"num":0}]""", [1])), Options(["r"], ["x"], new BroadcastFlags(Volatile: true)), "rid"),
            new SocketsJoinMessage(Options(["a"]), ["b", "c"]),
            new SocketsLeaveMessage(Options(except: ["a"]), ["b"]),
            new DisconnectSocketsMessage(Options(["a"]), Close: false),
            new FetchSocketsMessage(Options(flags: new BroadcastFlags(Timeout: TimeSpan.FromSeconds(3))), "rid"),
            new FetchSocketsResponseMessage("rid", [socket, socket with { Id = "s2", Data = null }]),
            new ServerSideEmitMessage(Payload("""["srv",{"_placeholder":true,"num":0}]""", [2]), "rid"),
            new ServerSideEmitResponseMessage("rid", Value("""{"_placeholder":true,"num":0}""", [3])),
            new ServerSideEmitResponseMessage("rid", null),
            new BroadcastClientCountMessage("rid", 0),
            new BroadcastAckMessage("rid", Value("null")),
            new BroadcastAckMessage("rid", null),
        ];

        foreach (var message in messages)
        {
            var envelope = new ClusterEnvelope("0123456789abcdef", "/chat", message);
            var msgpack = ClusterMessageCodec.Encode(envelope, WireFraming.Msgpack);
            var back = Decode(msgpack);
            Assert.Equal(Hex(msgpack), Hex(ClusterMessageCodec.Encode(back, WireFraming.Msgpack)));
            Assert.Equal(message.Type, back.Message.Type);
            Assert.Equal(("0123456789abcdef", "/chat"), (back.Uid, back.Nsp));

            // JSON has no binary: it carries Node's Buffer JSON, and reads back as that plain object.
            var json = ClusterMessageCodec.Encode(envelope, WireFraming.Json);
            Assert.Equal('{', (char)json[0]);
            var fromJson = Decode(json);
            Assert.False(fromJson.Message.HasBinary);
            Assert.Equal(Text(json), Text(ClusterMessageCodec.Encode(fromJson, WireFraming.Json)));
        }
    }

    [Fact]
    public void BinaryInJson_IsNodeBufferJson()
    {
        var envelope = new ClusterEnvelope("u", "/", new BroadcastAckMessage("r", Value("""{"_placeholder":true,"num":0}""", [1, 255])));
        Assert.Equal("""{"type":12,"data":{"requestId":"r","packet":{"type":"Buffer","data":[1,255]}},"uid":"u","nsp":"/"}""", Text(ClusterMessageCodec.Encode(envelope, WireFraming.Json)));
    }

    [Fact]
    public void MissingUidAndNsp_AreNull_AndLeftOut()
    {
        var envelope = Decode(Utf8("""{"type":13}"""));
        Assert.Same(AdapterCloseMessage.Instance, envelope.Message);
        Assert.Null(envelope.Uid);
        Assert.Null(envelope.Nsp);
        Assert.Equal("""{"type":13}""", Text(ClusterMessageCodec.Encode(envelope, WireFraming.Json)));
    }

    [Theory]
    [InlineData("""{"type":14,"uid":"u","nsp":"/"}""", "unknown message type 14")]
    [InlineData("""{"type":0}""", "unknown message type 0")]
    [InlineData("""{"type":4294967299}""", "unknown message type 4294967299")]
    [InlineData("""{"type":3,"uid":"u"}""", "without its data")]
    [InlineData("""{"type":3,"data":[]}""", "without its data")]
    [InlineData("""{"type":3,"data":{"opts":{}}}""", "missing \"packet\"")]
    [InlineData("""{"type":3,"data":{"packet":{"type":2,"data":[]}}}""", "missing \"opts\"")]
    [InlineData("""{"type":4,"data":{"opts":{}}}""", "missing \"rooms\"")]
    [InlineData("""{"type":7,"data":{"opts":{}}}""", "missing \"requestId\"")]
    [InlineData("""{"type":8,"data":{"requestId":"r"}}""", "missing \"sockets\"")]
    [InlineData("""{"type":9,"data":{"packet":"x"}}""", "array")]
    [InlineData("""{"type":11,"data":{"requestId":"r","clientCount":"1"}}""", "not an integer")]
    [InlineData("""{"type":"3"}""", "not an integer")]
    [InlineData("""{"uid":"u"}""", "missing \"type\"")]
    [InlineData("""{"type":3,"data":{"packet":{"type":2,"data":[]},"opts":{}},"uid":7}""", "not a string")]
    [InlineData("""{"type":3""", "invalid JSON")]
    public void Malformed_IsAnError(string json, string expected)
    {
        Assert.False(ClusterMessageCodec.TryDecode(Utf8(json), out var envelope, out var error));
        Assert.Null(envelope);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("93 a6 41 42 43 44 45 46 80 80")]
    [InlineData("84 a4 74 79 70 65 03")]
    [InlineData("c1")]
    [InlineData("")]
    public void MalformedMessagePack_IsAnError(string hex)
    {
        Assert.False(ClusterMessageCodec.TryDecode(Captured(hex), out var envelope, out var error));
        Assert.Null(envelope);
        Assert.False(string.IsNullOrEmpty(error));
    }

    private static ClusterEnvelope Decode(byte[] payload)
    {
        Assert.True(ClusterMessageCodec.TryDecode(payload, out var envelope, out var error), error);
        return envelope;
    }
}
