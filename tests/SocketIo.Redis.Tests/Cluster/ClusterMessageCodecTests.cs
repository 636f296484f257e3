using SocketIo.Adapters;
using SocketIo.Adapters.Cluster;
using SocketIo.Adapters.Wire;
using static SocketIo.Redis.Tests.Infrastructure.WireText;

namespace SocketIo.Redis.Tests.Cluster;

/// <summary>ClusterAdapter messages as captured between Node nodes: read into the public records, and written back byte for byte.</summary>
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
        var message = Decode(Utf8(captured));
        Assert.Equal(captured, Text(ClusterMessageCodec.Encode(message, WireFraming.Json)));
    }

    [Fact]
    public void CapturedEnvelopes_ReadAsTypedMessages()
    {
        var ackBroadcast = Assert.IsType<ClusterBroadcast>(Decode(Utf8(s_capturedJson[1])));
        Assert.Equal(("9a68ad3c92856e71", "/"), (ackBroadcast.Uid, ackBroadcast.Namespace));
        Assert.Equal("c20ca7c224089495", ackBroadcast.RequestId);
        Assert.Equal("""["ackme",7]""", Text(ackBroadcast.Packet.Json));
        Assert.Equal(TimeSpan.FromSeconds(2), ackBroadcast.Options.Flags.Timeout);

        var join = Assert.IsType<ClusterSocketsJoin>(Decode(Utf8(s_capturedJson[2])));
        Assert.Equal(["room1"], Sorted(join.Options.Rooms));
        Assert.Equal(["room9"], join.Rooms);

        Assert.True(Assert.IsType<ClusterDisconnectSockets>(Decode(Utf8(s_capturedJson[3]))).Close);

        var emit = Assert.IsType<ClusterServerSideEmit>(Decode(Utf8(s_capturedJson[5])));
        Assert.Null(emit.RequestId);
        Assert.Equal("""["hello-srv",1]""", Text(emit.Packet.Json));

        var emitAck = Assert.IsType<ClusterServerSideEmitResponse>(Decode(Utf8(s_capturedJson[7])));
        Assert.Equal("pong-from-B", Assert.Single(emitAck.Answer.Arguments).GetString());
        Assert.True(emitAck.IsResponse);

        Assert.Equal(1, Assert.IsType<ClusterBroadcastClientCount>(Decode(Utf8(s_capturedJson[8]))).ClientCount);
        Assert.True(Assert.IsType<ClusterHeartbeat>(Decode(Utf8(s_capturedJson[10]))).IsInitial);
        Assert.False(Assert.IsType<ClusterHeartbeat>(Decode(Utf8(s_capturedJson[11]))).IsInitial);
    }

    [Fact]
    public void CapturedBinaryBroadcast_IsMessagePack_AndReadsBack()
    {
        var captured = Captured("""
            84 a4"type" 03 a4"data" 82 a6"packet" 82 a4"type" 02 a4"data" 92 a3"bin" c4 03 01 02 03
            a4"opts" 83 a5"rooms" 90 a6"except" 90 a5"flags" 80 a3"uid" b0"9a68ad3c92856e71" a3"nsp" a1"/"
            """);
        var broadcast = Assert.IsType<ClusterBroadcast>(Decode(captured));
        AssertPayload("""["bin",{"_placeholder":true,"num":0}]""", [[1, 2, 3]], Text(broadcast.Packet.Json), broadcast.Packet.Attachments);
        Assert.True(ClusterMessageCodec.HasBinary(broadcast));

        var written = new ClusterBroadcast(Payload("""["bin",{"_placeholder":true,"num":0}]""", [1, 2, 3]), BroadcastOptions.All) { Uid = "9a68ad3c92856e71", Namespace = "/" };
        Assert.Equal(Hex(captured), Hex(ClusterMessageCodec.Encode(written, WireFraming.Msgpack)));
    }

    [Fact]
    public void EveryMessage_RoundTrips_InBothFramings()
    {
        var socket = new SocketDetails("s1", Json("""{"auth":{"token":"t"}}"""), ["s1"], Json("""{"n":1}"""));
        ClusterAdapterMessage[] messages =
        [
            new ClusterHeartbeat(IsInitial: true) { Uid = "0123456789abcdef", Namespace = "/chat" },
            new ClusterHeartbeat() { Uid = "0123456789abcdef", Namespace = "/chat" },
            new ClusterAdapterClosed() { Uid = "0123456789abcdef", Namespace = "/chat" },
            new ClusterBroadcast(Payload("""["e",{"_placeholder":true,"num":0}]""", [1]), Options(["r"], ["x"], new BroadcastFlags(Volatile: true)), "rid") { Uid = "0123456789abcdef", Namespace = "/chat" },
            new ClusterSocketsJoin(Options(["a"]), ["b", "c"]) { Uid = "0123456789abcdef", Namespace = "/chat" },
            new ClusterSocketsLeave(Options(except: ["a"]), ["b"]) { Uid = "0123456789abcdef", Namespace = "/chat" },
            new ClusterDisconnectSockets(Options(["a"]), Close: false) { Uid = "0123456789abcdef", Namespace = "/chat" },
            new ClusterFetchSockets(Options(flags: new BroadcastFlags(Timeout: TimeSpan.FromSeconds(3))), "rid") { Uid = "0123456789abcdef", Namespace = "/chat" },
            new ClusterFetchSocketsResponse("rid", [socket, socket with { Id = "s2", Data = default }]) { Uid = "0123456789abcdef", Namespace = "/chat" },
            new ClusterServerSideEmit(Payload("""["srv",{"_placeholder":true,"num":0}]""", [2]), "rid") { Uid = "0123456789abcdef", Namespace = "/chat" },
            new ClusterServerSideEmitResponse("rid", Answer("""{"_placeholder":true,"num":0}""", [3])) { Uid = "0123456789abcdef", Namespace = "/chat" },
            new ClusterServerSideEmitResponse("rid", new AckResponse(null, [], [])) { Uid = "0123456789abcdef", Namespace = "/chat" },
            new ClusterBroadcastClientCount("rid", 0) { Uid = "0123456789abcdef", Namespace = "/chat" },
            new ClusterBroadcastAck("rid", Answer("null")) { Uid = "0123456789abcdef", Namespace = "/chat" },
            new ClusterBroadcastAck("rid", new AckResponse(null, [], [])) { Uid = "0123456789abcdef", Namespace = "/chat" },
        ];

        foreach (var message in messages)
        {
            var msgpack = ClusterMessageCodec.Encode(message, WireFraming.Msgpack);
            var back = Decode(msgpack);
            Assert.Equal(Hex(msgpack), Hex(ClusterMessageCodec.Encode(back, WireFraming.Msgpack)));
            Assert.Equal(message.GetType(), back.GetType());
            Assert.Equal(("0123456789abcdef", "/chat"), (back.Uid, back.Namespace));

            // JSON has no binary: it carries Node's Buffer JSON, and reads back as that plain object.
            var json = ClusterMessageCodec.Encode(message, WireFraming.Json);
            Assert.Equal('{', (char)json[0]);
            var fromJson = Decode(json);
            Assert.False(ClusterMessageCodec.HasBinary(fromJson));
            Assert.Equal(Text(json), Text(ClusterMessageCodec.Encode(fromJson, WireFraming.Json)));
        }
    }

    [Fact]
    public void BinaryInJson_IsNodeBufferJson()
    {
        var ack = new ClusterBroadcastAck("r", Answer("""{"_placeholder":true,"num":0}""", [1, 255])) { Uid = "u", Namespace = "/" };
        Assert.Equal("""{"type":12,"data":{"requestId":"r","packet":{"type":"Buffer","data":[1,255]}},"uid":"u","nsp":"/"}""", Text(ClusterMessageCodec.Encode(ack, WireFraming.Json)));
    }

    [Fact]
    public void BinaryInAFetchedSocket_ReadsAsNodeBufferJson()
    {
        var captured = Captured("""
            84 a4"type" 08 a4"data" 82 a9"requestId" a1"r" a7"sockets" 91 84 a2"id" a1"s" a9"handshake" 80 a5"rooms" 90 a4"data" 81 a1"b" c4 02 01 02
            a3"uid" a1"u" a3"nsp" a1"/"
            """);
        var response = Assert.IsType<ClusterFetchSocketsResponse>(Decode(captured));
        Assert.Equal("""{"b":{"type":"Buffer","data":[1,2]}}""", Assert.Single(response.Sockets).Data.GetRawText());
    }

    [Fact]
    public void MissingUidAndNsp_AreTheEmittersAndTheChannelsNamespace()
    {
        Assert.True(ClusterMessageCodec.TryDecode(Utf8("""{"type":13}"""), "/chat", out var message, out var error), error);
        Assert.Equal((AdapterIds.EmitterUid, "/chat"), (message.Uid, message.Namespace));
        Assert.False(ClusterMessageCodec.TryDecode(Utf8("""{"type":13}"""), null, out _, out error));
        Assert.Contains("missing \"nsp\"", error, StringComparison.Ordinal);
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
    [InlineData("""{"type":11,"data":{"requestId":"r","clientCount":-1}}""", "out of range")]
    [InlineData("""{"type":"3"}""", "not an integer")]
    [InlineData("""{"uid":"u"}""", "missing \"type\"")]
    [InlineData("""{"type":3,"data":{"packet":{"type":2,"data":[]},"opts":{}},"uid":7}""", "not a string")]
    [InlineData("""{"type":3""", "invalid JSON")]
    public void Malformed_IsAnError(string json, string expected)
    {
        Assert.False(ClusterMessageCodec.TryDecode(Utf8(json), "/", out var message, out var error));
        Assert.Null(message);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("93 a6 41 42 43 44 45 46 80 80")]
    [InlineData("84 a4 74 79 70 65 03")]
    [InlineData("c1")]
    [InlineData("")]
    public void MalformedMessagePack_IsAnError(string hex)
    {
        Assert.False(ClusterMessageCodec.TryDecode(Captured(hex), "/", out var message, out var error));
        Assert.Null(message);
        Assert.False(string.IsNullOrEmpty(error));
    }

    private static ClusterAdapterMessage Decode(byte[] payload)
    {
        Assert.True(ClusterMessageCodec.TryDecode(payload, null, out var message, out var error), error);
        return message;
    }
}
