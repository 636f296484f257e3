using SocketIo.Adapters;
using SocketIo.Adapters.Wire;
using SocketIo.Redis.Classic;
using static SocketIo.Redis.Tests.Infrastructure.WireText;

namespace SocketIo.Redis.Tests.Classic;

/// <summary>The classic request channel: JSON requests and the MessagePack acknowledged broadcast, as captured.</summary>
public sealed class ClassicRequestCodecTests
{
    /// <summary>An acknowledged broadcast request, as notepack.io 3.0.1 encodes it (uid ABCDEF, request id XYZ123).</summary>
    private const string AckBroadcastRequest = """
        85 a3 75 69 64 a6 41 42 43 44 45 46 a9 72 65 71 75 65 73 74 49 64 a6 58 59 5a 31 32 33 a4 74 79 70 65 07 a6 70 61 63
        6b 65 74 83 a4 74 79 70 65 02 a4 64 61 74 61 92 a5 61 63 6b 6d 65 07 a3 6e 73 70 a1 2f a4 6f 70 74 73 83 a5 72 6f 6f
        6d 73 90 a6 65 78 63 65 70 74 90 a5 66 6c 61 67 73 81 a7 74 69 6d 65 6f 75 74 cd 07 d0
        """;

    [Theory]
    [InlineData("""{"uid":"892Yz2","requestId":"l1ZSld","type":1}""")]
    [InlineData("""{"uid":"892Yz2","type":2,"opts":{"rooms":["room1"],"except":[]},"rooms":["room9"]}""")]
    [InlineData("""{"uid":"892Yz2","type":3,"opts":{"rooms":[],"except":["room2"]},"rooms":["room9"]}""")]
    [InlineData("""{"uid":"892Yz2","type":4,"opts":{"rooms":["nobody"],"except":[]},"close":false}""")]
    [InlineData("""{"uid":"892Yz2","requestId":"EPqSXD","type":5,"opts":{"rooms":[],"except":[]}}""")]
    [InlineData("""{"uid":"892Yz2","type":6,"data":["hello-srv",1,"two"]}""")]
    [InlineData("""{"uid":"892Yz2","requestId":"HQF-rU","type":6,"data":["ping-srv","x"]}""")]
    [InlineData("""{"type":2,"opts":{"rooms":["room1"],"except":[]},"rooms":["room7"]}""")]
    [InlineData("""{"type":3,"opts":{"rooms":[],"except":[]},"rooms":["room7"]}""")]
    [InlineData("""{"type":4,"opts":{"rooms":["nobody"],"except":[]},"close":true}""")]
    [InlineData("""{"uid":"emitter","type":6,"data":["hello-srv","from-emitter"]}""")]
    public void CapturedJsonRequests_RoundTrip_ByteForByte(string captured)
    {
        var request = Decode(Utf8(captured));
        Assert.Equal(captured, Text(ClassicRequestCodec.Encode(request)));
    }

    [Fact]
    public void CapturedJsonRequests_ReadAsTypedRequests()
    {
        var join = Assert.IsType<RemoteJoinRequest>(Decode(Utf8("""{"type":2,"opts":{"rooms":["room1"],"except":[]},"rooms":["room7"]}""")));
        Assert.Null(join.Uid);
        Assert.Equal(["room1"], Sorted(join.Options.Rooms));
        Assert.Equal(["room7"], join.Rooms);

        var disconnect = Assert.IsType<RemoteDisconnectRequest>(Decode(Utf8("""{"type":4,"opts":{"rooms":["nobody"],"except":[]}}""")));
        Assert.False(disconnect.Close);

        var emit = Assert.IsType<ServerSideEmitRequest>(Decode(Utf8("""{"uid":"892Yz2","requestId":"HQF-rU","type":6,"data":["ping-srv","x"]}""")));
        Assert.Equal("HQF-rU", emit.RequestId);
        Assert.Equal("""["ping-srv","x"]""", Text(emit.Data.Json));

        var fetch = Assert.IsType<RemoteFetchRequest>(Decode(Utf8("""{"uid":"892Yz2","requestId":"EPqSXD","type":5,"opts":{"rooms":["a"]}}""")));
        Assert.Equal("EPqSXD", fetch.RequestId);
        Assert.Empty(fetch.Options.Except);
    }

    [Fact]
    public void AckBroadcastRequests_AreMessagePack()
    {
        var request = new BroadcastWithAckRequest("ABCDEF", "XYZ123", new BroadcastPacket(Payload("""["ackme",7]"""), "/"), Options(flags: new BroadcastFlags(Timeout: TimeSpan.FromSeconds(2))));
        Assert.Equal(Hex(Captured(AckBroadcastRequest)), Hex(ClassicRequestCodec.Encode(request)));

        var captured = Captured("""
            85 a3"uid" a6"892Yz2" a9"requestId" a6"QXr6nc" a4"type" 07 a6"packet" 83 a4"type" 02 a4"data" 92 a5"ackme" 07 a3"nsp" a1"/"
            a4"opts" 83 a5"rooms" 90 a6"except" 90 a5"flags" 81 a7"timeout" cd 07 d0
            """);
        var read = Assert.IsType<BroadcastWithAckRequest>(Decode(captured));
        Assert.Equal(("892Yz2", "QXr6nc"), (read.Uid, read.RequestId));
        Assert.Equal(TimeSpan.FromSeconds(2), read.Options.Flags.Timeout);
        Assert.Equal(Hex(captured), Hex(ClassicRequestCodec.Encode(read)));
    }

    [Fact]
    public void BinaryInAJsonRequest_IsNodeBufferJson()
    {
        var request = new ServerSideEmitRequest("892Yz2", Payload("""["bin",{"_placeholder":true,"num":0}]""", [1, 2]));
        Assert.Equal("""{"uid":"892Yz2","type":6,"data":["bin",{"type":"Buffer","data":[1,2]}]}""", Text(ClassicRequestCodec.Encode(request)));
    }

    [Fact]
    public void LegacyRequests_AreRead()
    {
        var sockets = Assert.IsType<SocketsRequest>(Decode(Utf8("""{"uid":"u","requestId":"r","type":0,"rooms":["a"]}""")));
        Assert.Equal(["a"], sockets.Rooms);

        var join = Assert.IsType<LegacySocketRequest>(Decode(Utf8("""{"uid":"u","requestId":"r","type":2,"sid":"s1","room":"x"}""")));
        Assert.Equal((ClassicRequestType.RemoteJoin, "s1", "x"), (join.Type, join.Sid, join.Room));

        var leave = Assert.IsType<LegacySocketRequest>(Decode(Utf8("""{"uid":"u","requestId":"r","type":3,"sid":"s1","room":"x"}""")));
        Assert.Equal(ClassicRequestType.RemoteLeave, leave.Type);

        var disconnect = Assert.IsType<LegacySocketRequest>(Decode(Utf8("""{"uid":"u","requestId":"r","type":4,"sid":"s1","close":true}""")));
        Assert.Equal((ClassicRequestType.RemoteDisconnect, true), (disconnect.Type, disconnect.Close));

        Assert.Throws<ArgumentException>(() => ClassicRequestCodec.Encode(join));
    }

    [Theory]
    [InlineData("""{"uid":"u","type":8,"requestId":"r","clientCount":1}""", "unknown request type 8")]
    [InlineData("""{"uid":"u","requestId":"r"}""", "missing \"type\"")]
    [InlineData("""{"uid":"u","type":1}""", "missing \"requestId\"")]
    [InlineData("""{"uid":"u","requestId":"r","type":5}""", "missing \"opts\"")]
    [InlineData("""{"uid":"u","type":2,"opts":{}}""", "missing \"rooms\"")]
    [InlineData("""{"uid":"u","type":2,"requestId":"r"}""", "missing \"sid\"")]
    [InlineData("""{"uid":"u","type":6,"data":"x"}""", "event array")]
    [InlineData("""{"uid":"u","type":6,"data":[]}""", "event array")]
    [InlineData("""{"uid":"u","type":6}""", "missing \"data\"")]
    [InlineData("""{"uid":"u","type":7,"requestId":"r","opts":{}}""", "missing \"packet\"")]
    [InlineData("""{"uid":"u","type":1,"requestId":"r"}x""", "invalid JSON")]
    [InlineData("""["not","an","object"]""", "trailing bytes")]
    [InlineData(""" ["not","an","object"]""", "trailing bytes")]
    public void Malformed_IsAnError(string json, string expected)
    {
        Assert.False(ClassicRequestCodec.TryDecode(Utf8(json), out var request, out var error));
        Assert.Null(request);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("85 a3 75 69", "truncated")]
    [InlineData("92 01 02", "expected an object")]
    public void MalformedMessagePack_IsAnError(string hex, string expected)
    {
        Assert.False(ClassicRequestCodec.TryDecode(Captured(hex), out _, out var error));
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    private static ClassicRequest Decode(byte[] payload)
    {
        Assert.True(ClassicRequestCodec.TryDecode(payload, out var request, out var error), error);
        return request;
    }
}
