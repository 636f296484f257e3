using System.Text;
using System.Text.Json;
using SocketIo.Protocol.Engine;
using SocketIo.Protocol.Packets;
using SocketIo.Protocol.Parsers;

namespace SocketIo.Protocol.Tests.Parsers;

/// <summary>The default parser is the text codec as it was: the same bytes, the same decoder.</summary>
public sealed class DefaultSocketIoParserTests
{
    private static ISocketIoParser Parser => SocketIoParsers.Default;

    [Theory]
    [InlineData("/", null)]
    [InlineData("/chat", 12L)]
    public void Events_AreWhatThePayloadFramesTo(string nsp, long? ackId)
    {
        var payload = new PacketPayload("""["e",{"_placeholder":true,"num":0},2]"""u8.ToArray(), [new byte[] { 1, 2 }]);
        AssertSameFrames(payload.ToFrames(SocketIoPacketType.Event, nsp, ackId), Parser.EncodeEvent(nsp, payload, ackId));
        Assert.Equal($"45{(nsp == "/" ? "1-" : "1-/chat,")}{ackId}[\"e\",{{\"_placeholder\":true,\"num\":0}},2]", Text(Parser.EncodeEvent(nsp, payload, ackId)[0]));
    }

    [Fact]
    public void Acks_AreWhatThePayloadFramesTo()
    {
        var payload = new PacketPayload("[1,\"two\"]"u8.ToArray(), []);
        var frames = Parser.EncodeAck("/admin", 7, payload);
        AssertSameFrames(payload.ToFrames(SocketIoPacketType.Ack, "/admin", 7), frames);
        Assert.Equal("43/admin,7[1,\"two\"]", Text(Assert.Single(frames)));
    }

    [Theory]
    [InlineData(SocketIoPacketType.Connect, "/", """{"sid":"abc"}""", """40{"sid":"abc"}""")]
    [InlineData(SocketIoPacketType.Connect, "/custom", """{"sid":"abc"}""", """40/custom,{"sid":"abc"}""")]
    [InlineData(SocketIoPacketType.Disconnect, "/custom", null, "41/custom,")]
    [InlineData(SocketIoPacketType.Disconnect, "/", null, "41")]
    [InlineData(SocketIoPacketType.ConnectError, "/random", """{"message":"Invalid namespace"}""", """44/random,{"message":"Invalid namespace"}""")]
    public void ControlPackets_AreWhatThePacketEncoderWrites(SocketIoPacketType type, string nsp, string? json, string expected)
    {
        var frames = Parser.EncodeControl(type, nsp, json is null ? [] : Encoding.UTF8.GetBytes(json));
        var frame = Assert.Single(frames);
        Assert.False(frame.IsBinary);
        Assert.Equal(expected, Text(frame));
        var packet = new SocketIoPacket { Type = type, Namespace = nsp, Data = json is null ? null : JsonElement.Parse(json) };
        Assert.Equal(SocketIoPacketEncoder.Encode(packet), frame.Payload.ToArray());
    }

    [Fact]
    public void ControlPackets_OfOtherTypes_Throw()
        => Assert.Throws<ArgumentOutOfRangeException>(() => Parser.EncodeControl(SocketIoPacketType.Event, "/", "[\"e\"]"u8));

    [Fact]
    public void TheDecoder_IsTheTextDecoder_WithTheGivenLimits()
    {
        var decoder = Parser.CreateDecoder(new SocketIoDecoderOptions { MaxAttachments = 2 });
        Assert.IsType<SocketIoPacketDecoder>(decoder);
        Assert.Equal(SocketIoDecodeStatus.AwaitingAttachments, decoder.DecodeText("52-[\"e\"]"u8, out _, out _));
        decoder.Reset();
        Assert.Equal(SocketIoDecodeStatus.Error, decoder.DecodeText("53-[\"e\"]"u8, out _, out var error));
        Assert.Equal("attachment count out of range", error);
    }

    private static string Text(EngineFrame frame) => Encoding.UTF8.GetString(frame.Payload.Span);

    private static void AssertSameFrames(EngineFrame[] expected, EngineFrame[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i].IsBinary, actual[i].IsBinary);
            Assert.Equal(expected[i].Payload.ToArray(), actual[i].Payload.ToArray());
        }
    }
}
