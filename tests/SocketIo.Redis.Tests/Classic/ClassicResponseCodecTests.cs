using SocketIo.Adapters.Wire;
using SocketIo.Redis.Classic;
using static SocketIo.Redis.Tests.Infrastructure.WireText;

namespace SocketIo.Redis.Tests.Classic;

/// <summary>The classic response channels: JSON answers and the MessagePack client acknowledgement, as captured.</summary>
public sealed class ClassicResponseCodecTests
{
    /// <summary>A client's broadcast acknowledgement, as notepack.io 3.0.1 encodes it.</summary>
    private const string ClientAck = "83 a4 74 79 70 65 09 a9 72 65 71 75 65 73 74 49 64 a6 58 59 5a 31 32 33 a6 70 61 63 6b 65 74 81 a2 6f 6b 07";

    [Fact]
    public void ClientAcknowledgement_IsWhatWeWrite_AndReads()
    {
        Assert.Equal(ClientAck, Hex(ClassicResponseCodec.Encode(new BroadcastAckResponse("XYZ123", Value("""{"ok":7}""")))));
        var read = Assert.IsType<BroadcastAckResponse>(Decode(Captured(ClientAck)));
        Assert.Equal("XYZ123", read.RequestId);
        Assert.Equal("""{"ok":7}""", Text(read.Argument!.Json));
    }

    [Theory]
    [InlineData("""{"type":8,"requestId":"QXr6nc","clientCount":1}""")]
    [InlineData("""{"type":6,"requestId":"HQF-rU","data":"pong"}""")]
    [InlineData("""{"type":6,"requestId":"HQF-rU"}""")]
    [InlineData("""{"requestId":"l1ZSld","rooms":["n4bzGXmNrL7YdgJgAAAC","room1"]}""")]
    [InlineData("""{"requestId":"EPqSXD","sockets":[{"id":"n4bzGXmNrL7YdgJgAAAC","handshake":{"headers":{"host":"127.0.0.1"},"time":"Sat Nov 21 2026 19:51:19 GMT+0000 (Coordinated Universal Time)","address":"127.0.0.1","xdomain":false,"secure":false,"issued":1795290679969,"url":"/socket.io/?EIO=4&transport=websocket","query":{"EIO":"4","transport":"websocket"},"auth":{}},"rooms":["n4bzGXmNrL7YdgJgAAAC","room1"],"data":{"user":"bob","n":42}}]}""")]
    [InlineData("""{"requestId":"EPqSXD","sockets":[]}""")]
    [InlineData("""{"requestId":"r0","sockets":["a","b"]}""")]
    [InlineData("""{"requestId":"r1"}""")]
    public void CapturedJsonResponses_RoundTrip_ByteForByte(string captured) =>
        Assert.Equal(captured, Text(ClassicResponseCodec.Encode(Decode(Utf8(captured)))));

    [Fact]
    public void Responses_ReadAsTypedAnswers()
    {
        var count = Assert.IsType<BroadcastClientCountResponse>(Decode(Utf8("""{"type":8,"requestId":"QXr6nc","clientCount":0}""")));
        Assert.Equal(0, count.ClientCount);

        var emitAck = Assert.IsType<ServerSideEmitResponse>(Decode(Utf8("""{"type":6,"requestId":"HQF-rU","data":null}""")));
        Assert.Equal("null", Text(emitAck.Argument!.Json));
        Assert.Null(Assert.IsType<ServerSideEmitResponse>(Decode(Utf8("""{"type":6,"requestId":"HQF-rU"}"""))).Argument);

        var rooms = Assert.IsType<RequestReply>(Decode(Utf8("""{"requestId":"l1ZSld","rooms":["a",7]}""")));
        Assert.Equal(["a", "7"], rooms.Rooms);
        Assert.Null(rooms.Sockets);

        var fetched = Assert.IsType<RequestReply>(Decode(Utf8("""{"requestId":"EPqSXD","sockets":[{"id":"s1","handshake":{},"rooms":["s1"]}]}""")));
        Assert.Equal("s1", Assert.Single(fetched.Sockets!).Id);

        var legacy = Assert.IsType<RequestReply>(Decode(Utf8("""{"requestId":"r","sockets":["a","b"]}""")));
        Assert.Equal(["a", "b"], legacy.SocketIds);

        var bare = Assert.IsType<RequestReply>(Decode(Utf8("""{"requestId":"r","sockets":"nope"}""")));
        Assert.Null(bare.Sockets);
    }

    [Fact]
    public void FetchAnswers_WithBinaryData_AreNodeBufferJson()
    {
        // A Node node's binary socket data reads as Buffer JSON, and goes on as that JSON.
        Assert.True(ClassicResponseCodec.TryDecode(Captured("""
            82 a9"requestId" a1"r" a7"sockets" 91 84 a2"id" a2"s1" a9"handshake" 80 a5"rooms" 91 a2"s1" a4"data" c4 01 01
            """), out var read, out var error), error);
        var socket = Assert.Single(Assert.IsType<RequestReply>(read).Sockets!);
        Assert.Equal(
            """{"requestId":"r","sockets":[{"id":"s1","handshake":{},"rooms":["s1"],"data":{"type":"Buffer","data":[1]}}]}""",
            Text(ClassicResponseCodec.Encode(new RequestReply("r", Sockets: [socket]))));
    }

    [Fact]
    public void BinaryAcknowledgement_IsBin()
    {
        var bytes = ClassicResponseCodec.Encode(new BroadcastAckResponse("r", Value("""[{"_placeholder":true,"num":0}]""", [9])));
        Assert.Equal(Hex(Captured("""83 a4"type" 09 a9"requestId" a1"r" a6"packet" 91 c4 01 09""")), Hex(bytes));
        Assert.Equal(Hex(Captured("""82 a4"type" 09 a9"requestId" a1"r" """)), Hex(ClassicResponseCodec.Encode(new BroadcastAckResponse("r", null))));
    }

    [Theory]
    [InlineData("""{"type":8,"clientCount":1}""", "missing \"requestId\"")]
    [InlineData("""{"type":8,"requestId":"r"}""", "missing \"clientCount\"")]
    [InlineData("""{"requestId":"r","sockets":[{"handshake":{}}]}""", "missing \"id\"")]
    [InlineData("""{"requestId":"r","sockets":["a",{}]}""", "neither a string nor a number")]
    [InlineData("""{"requestId":"r","rooms":[null]}""", "neither a string nor a number")]
    [InlineData("""{"requestId":7}""", "not a string")]
    public void Malformed_IsAnError(string json, string expected)
    {
        Assert.False(ClassicResponseCodec.TryDecode(Utf8(json), out var response, out var error));
        Assert.Null(response);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    private static ClassicResponse Decode(byte[] payload)
    {
        Assert.True(ClassicResponseCodec.TryDecode(payload, out var response, out var error), error);
        return response;
    }
}
