using System.Buffers;
using System.Text;
using SocketIo.Protocol.Engine;

namespace SocketIo.Protocol.Tests.Engine;

public sealed class PollingPayloadTests
{
    private static (PayloadDecodeResult Result, List<EnginePacket> Packets) Decode(string body, int max = 16)
    {
        var packets = new List<EnginePacket>();
        var result = PollingPayload.TryDecode(Encoding.UTF8.GetBytes(body), max, packets);
        return (result, packets);
    }

    [Fact]
    public void Decodes_a_single_text_packet()
    {
        var (result, packets) = Decode("4hello");
        Assert.Equal(PayloadDecodeResult.Success, result);
        var packet = Assert.Single(packets);
        Assert.Equal(EnginePacketType.Message, packet.Type);
        Assert.False(packet.IsBinary);
        Assert.Equal("hello", Encoding.UTF8.GetString(packet.Data.Span));
    }

    [Fact]
    public void Decodes_several_packets_in_order()
    {
        var (result, packets) = Decode("4test1\u001e4test2\u001e3\u001e1");
        Assert.Equal(PayloadDecodeResult.Success, result);
        Assert.Equal(
            [EnginePacketType.Message, EnginePacketType.Message, EnginePacketType.Pong, EnginePacketType.Close],
            packets.Select(p => p.Type));
        Assert.Equal("test2", Encoding.UTF8.GetString(packets[1].Data.Span));
        Assert.True(packets[3].Data.IsEmpty);
    }

    [Fact]
    public void Decodes_a_binary_segment()
    {
        var (result, packets) = Decode("4hello\u001ebAQIDBA==");
        Assert.Equal(PayloadDecodeResult.Success, result);
        Assert.True(packets[1].IsBinary);
        Assert.Equal(EnginePacketType.Message, packets[1].Type);
        Assert.Equal(new byte[] { 1, 2, 3, 4 }, packets[1].Data.ToArray());
    }

    [Fact]
    public void Decodes_an_empty_binary_message()
    {
        var (result, packets) = Decode("b");
        Assert.Equal(PayloadDecodeResult.Success, result);
        Assert.True(Assert.Single(packets).Data.IsEmpty);
    }

    [Theory]
    [InlineData("")]
    [InlineData("\u001e")]
    [InlineData("4a\u001e")]
    [InlineData("\u001e4a")]
    [InlineData("4a\u001e\u001e4b")]
    public void Refuses_empty_segments(string body)
    {
        var (result, packets) = Decode(body);
        Assert.Equal(PayloadDecodeResult.EmptySegment, result);
        Assert.Empty(packets);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("7x")]
    [InlineData("4ok\u001e9")]
    [InlineData("/x")]
    public void Refuses_bad_type_digits(string body)
    {
        var (result, packets) = Decode(body);
        Assert.Equal(PayloadDecodeResult.InvalidPacketType, result);
        Assert.Empty(packets);
    }

    [Theory]
    [InlineData("b!!!!")]
    [InlineData("bAQI")]
    [InlineData("bAQIDBA=")]
    [InlineData("4ok\u001ebA")]
    public void Refuses_bad_base64(string body)
    {
        Assert.Equal(PayloadDecodeResult.InvalidBase64, Decode(body).Result);
    }

    [Fact]
    public void Refuses_too_many_segments()
    {
        var body = string.Join('\u001e', Enumerable.Repeat("3", 5));
        Assert.Equal(PayloadDecodeResult.TooManyPackets, Decode(body, max: 4).Result);
        Assert.Equal(PayloadDecodeResult.Success, Decode(body, max: 5).Result);
    }

    [Fact]
    public void Truncated_utf8_text_is_passed_as_bytes()
    {
        // The engine does not validate UTF-8: the layer above parses the message.
        var packets = new List<EnginePacket>();
        var result = PollingPayload.TryDecode(new byte[] { (byte)'4', 0xE2, 0x82 }, 4, packets);
        Assert.Equal(PayloadDecodeResult.Success, result);
        Assert.Equal(2, packets[0].Data.Length);
    }

    [Fact]
    public void Encodes_text_and_binary_frames_joined_by_separators()
    {
        var writer = new ArrayBufferWriter<byte>();
        EngineFrame[] frames =
        [
            EngineFrame.Text("4hello"u8.ToArray()),
            EngineFrame.Binary(new byte[] { 1, 2, 3, 4 }),
            EngineFrames.Ping,
        ];
        PollingPayload.Encode(frames, writer);
        Assert.Equal("4hello\u001ebAQIDBA==\u001e2", Encoding.UTF8.GetString(writer.WrittenSpan));
    }

    [Fact]
    public void Encodes_a_single_frame_without_separator()
    {
        var writer = new ArrayBufferWriter<byte>();
        PollingPayload.Encode([EngineFrames.Noop], writer);
        Assert.Equal("6", Encoding.UTF8.GetString(writer.WrittenSpan));
    }

    [Fact]
    public void Encode_then_decode_round_trips()
    {
        var writer = new ArrayBufferWriter<byte>();
        PollingPayload.Encode([EngineFrame.Text("4€"u8.ToArray()), EngineFrame.Binary(new byte[] { 255, 0 })], writer);
        var packets = new List<EnginePacket>();
        Assert.Equal(PayloadDecodeResult.Success, PollingPayload.TryDecode(writer.WrittenMemory, 4, packets));
        Assert.Equal("€", Encoding.UTF8.GetString(packets[0].Data.Span));
        Assert.Equal(new byte[] { 255, 0 }, packets[1].Data.ToArray());
    }
}
