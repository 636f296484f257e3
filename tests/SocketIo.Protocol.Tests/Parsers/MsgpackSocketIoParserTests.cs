using System.Text;
using SocketIo.Protocol.Engine;
using SocketIo.Protocol.Packets;
using SocketIo.Protocol.Parsers;
using SocketIo.Protocol.Tests.Msgpack;
using static SocketIo.Protocol.Tests.Parsers.MsgpackPackets;

namespace SocketIo.Protocol.Tests.Parsers;

/// <summary>
/// The MessagePack parser's encoders: one binary message per packet, byte for byte what the Node server (socket.io
/// 4.8 with socket.io-msgpack-parser 3.0.2) sent for the same packets, as tests/interop/reference/msgpack-packets.mjs
/// recorded them.
/// </summary>
public sealed class MsgpackSocketIoParserTests
{
    [Fact]
    public void Event_AsNodeSendsIt()
    {
        var frames = Parser.EncodeEvent("/", Payload("""["plain",1,"two",{"three":[3]}]"""), ackId: null);
        AssertOneBinaryFrame("83 a4 74 79 70 65 02 a4 64 61 74 61 94 a5 70 6c 61 69 6e 01 a3 74 77 6f 81 a5 74 68 72 65 65 91 03 a3 6e 73 70 a1 2f", frames);
    }

    [Fact]
    public void Event_WithAnAckId_AsNodeSendsIt()
    {
        var frames = Parser.EncodeEvent("/", Payload("""["q0"]"""), ackId: 126);
        AssertOneBinaryFrame("84 a4 74 79 70 65 02 a4 64 61 74 61 91 a2 71 30 a2 69 64 7e a3 6e 73 70 a1 2f", frames);
    }

    [Fact]
    public void Event_WithBinary_InlineAsBin_AsNodeSendsIt()
    {
        var frames = Parser.EncodeEvent("/", Payload("""["binary",{"_placeholder":true,"num":0}]""", [1, 2, 3]), ackId: null);
        AssertOneBinaryFrame("83 a4 74 79 70 65 02 a4 64 61 74 61 92 a6 62 69 6e 61 72 79 c4 03 01 02 03 a3 6e 73 70 a1 2f", frames);
    }

    [Fact]
    public void Ack_IdFirst_AsNodeSendsIt()
    {
        var frames = Parser.EncodeAck("/", 9, Payload("""["x",{"_placeholder":true,"num":0}]""", [1]));
        AssertOneBinaryFrame("84 a2 69 64 09 a4 74 79 70 65 03 a4 64 61 74 61 92 a1 78 c4 01 01 a3 6e 73 70 a1 2f", frames);
    }

    [Fact]
    public void ConnectError_AsNodeSendsIt()
    {
        var frames = Parser.EncodeControl(SocketIoPacketType.ConnectError, "/refused", """{"message":"no","data":{"why":"test"}}"""u8);
        AssertOneBinaryFrame(
            "83 a4 74 79 70 65 04 a4 64 61 74 61 82 a7 6d 65 73 73 61 67 65 a2 6e 6f a4 64 61 74 61 81 a3 77 68 79 a4 74 65 73 74 a3 6e 73 70 a8 2f 72 65 66 75 73 65 64",
            frames);
    }

    [Fact]
    public void Disconnect_AsNodeSendsIt()
    {
        AssertOneBinaryFrame("82 a4 74 79 70 65 01 a3 6e 73 70 a5 2f 6b 69 63 6b", Parser.EncodeControl(SocketIoPacketType.Disconnect, "/kick", []));
    }

    [Fact]
    public void Connect_WithTheSid()
    {
        // Node adds "pid": undefined (fixext 1) unless connection state recovery is on; like its default parser, we
        // send only the sid.
        var frames = Parser.EncodeControl(SocketIoPacketType.Connect, "/", """{"sid":"abc"}"""u8);
        AssertOneBinaryFrame("83 a4 74 79 70 65 00 a4 64 61 74 61 81 a3 73 69 64 a3 61 62 63 a3 6e 73 70 a1 2f", frames);
    }

    [Fact]
    public void EncodedPackets_DecodeToWhatWasEncoded()
    {
        var bin = new byte[] { 7, 8 };
        var cases = new (EngineFrame[] Frames, SocketIoPacketType Type, string Nsp, long? AckId, string? Json)[]
        {
            (Parser.EncodeEvent("/chat", Payload("""["m",{"a":[{"_placeholder":true,"num":0}]}]""", bin), 5), SocketIoPacketType.BinaryEvent, "/chat", 5, """["m",{"a":[{"_placeholder":true,"num":0}]}]"""),
            (Parser.EncodeAck("/", SocketIoPacket.MaxAckId, Payload("[]")), SocketIoPacketType.Ack, "/", SocketIoPacket.MaxAckId, "[]"),
            (Parser.EncodeControl(SocketIoPacketType.Connect, "/é", """{"sid":"x"}"""u8), SocketIoPacketType.Connect, "/é", null, """{"sid":"x"}"""),
            (Parser.EncodeControl(SocketIoPacketType.ConnectError, "/", "\"no\""u8), SocketIoPacketType.ConnectError, "/", null, "\"no\""),
        };
        foreach (var (frames, type, nsp, ackId, json) in cases)
        {
            var packet = DecodeOne(Assert.Single(frames).Payload.ToArray());
            Assert.Equal(type, packet.Type);
            Assert.Equal(nsp, packet.Namespace);
            Assert.Equal(ackId, packet.AckId);
            Assert.Equal(json, packet.DataText());
        }
    }

    [Fact]
    public void Frames_AreNewPerCall_AndNeverShareABuffer()
    {
        var payload = Payload("[\"e\"]");
        var first = Parser.EncodeEvent("/", payload, null);
        var second = Parser.EncodeEvent("/", payload, null);
        Assert.Equal(first[0].Payload.ToArray(), second[0].Payload.ToArray());
        Assert.False(first[0].Payload.Span.Overlaps(second[0].Payload.Span));
    }

    [Fact]
    public void InvalidArguments_Throw()
    {
        var payload = Payload("[\"e\"]");
        Assert.Throws<ArgumentException>(() => Parser.EncodeEvent("chat", payload, null));
        Assert.Throws<ArgumentNullException>(() => Parser.EncodeEvent(null!, payload, null));
        Assert.Throws<ArgumentNullException>(() => Parser.EncodeEvent("/", null!, null));
        Assert.Throws<ArgumentOutOfRangeException>(() => Parser.EncodeEvent("/", payload, -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => Parser.EncodeAck("/", SocketIoPacket.MaxAckId + 1, payload));
        Assert.Throws<ArgumentOutOfRangeException>(() => Parser.EncodeControl(SocketIoPacketType.Event, "/", []));
        Assert.Throws<ArgumentOutOfRangeException>(() => Parser.EncodeControl(SocketIoPacketType.BinaryAck, "/", []));
    }

    [Fact]
    public void TheBuiltInParsers_AreOneInstanceEach()
    {
        Assert.Same(SocketIoParsers.Default, SocketIoParsers.Default);
        Assert.Same(SocketIoParsers.MessagePack, SocketIoParsers.MessagePack);
        Assert.NotSame(SocketIoParsers.Default, SocketIoParsers.MessagePack);
    }

    private static PacketPayload Payload(string json, params byte[][] attachments)
        => new(Encoding.UTF8.GetBytes(json), [.. attachments.Select(a => (ReadOnlyMemory<byte>)a)]);

    private static void AssertOneBinaryFrame(string expectedHex, EngineFrame[] frames)
    {
        var frame = Assert.Single(frames);
        Assert.True(frame.IsBinary);
        Assert.Equal(expectedHex, MsgpackTestHelpers.ToHex(frame.Payload.Span));
    }
}
