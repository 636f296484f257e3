using System.Buffers;
using System.Text;
using SocketIo.Protocol.Engine;
using static SocketIo.Protocol.Tests.Engine.EngineTestHelpers;

namespace SocketIo.Protocol.Tests.Engine;

/// <summary>Protocol v3 WebSocket messages: binary ones led by the type byte 4, both ways.</summary>
public sealed class WebSocketMessageV3Tests
{
    [Fact]
    public void A_binary_message_from_the_client_drops_its_type_byte()
    {
        Assert.True(WebSocketMessageV3.TryDecodeBinary(new byte[] { 4, 1, 2, 3, 4 }, out var packet));
        Assert.Equal("bin:AQIDBA==", Describe(packet));
        Assert.Equal(EnginePacketType.Message, packet.Type);
    }

    [Fact]
    public void An_empty_binary_message_is_the_type_byte_alone()
    {
        Assert.True(WebSocketMessageV3.TryDecodeBinary(new byte[] { 4 }, out var packet));
        Assert.True(packet.IsBinary);
        Assert.True(packet.Data.IsEmpty);
    }

    [Theory]
    [InlineData(new byte[0])]
    [InlineData(new byte[] { 1, 2, 3, 4 })] // a v4 client's raw bytes
    [InlineData(new byte[] { 2, 9 })] // a binary ping
    [InlineData(new byte[] { (byte)'4', 1 })]
    public void Refuses_a_binary_message_not_led_by_the_message_type_byte(byte[] message)
    {
        Assert.False(WebSocketMessageV3.TryDecodeBinary(message, out _));
    }

    [Theory]
    [InlineData("4hello", "4hello")]
    [InlineData("2probe", "2probe")]
    [InlineData("2", "2")]
    [InlineData("b4AQIDBA==", "bin:AQIDBA==")] // a client forced to base64
    public void Reads_text_messages(string message, string expected)
    {
        Assert.Equal(PayloadDecodeResult.Success, WebSocketMessageV3.TryDecodeText(Encoding.UTF8.GetBytes(message), out var packet));
        Assert.Equal(expected, Describe(packet));
    }

    [Theory]
    [InlineData("abc", nameof(PayloadDecodeResult.InvalidPacketType))]
    [InlineData("", nameof(PayloadDecodeResult.InvalidPacketType))]
    [InlineData("b2AQ==", nameof(PayloadDecodeResult.InvalidPacketType))]
    [InlineData("b4AQ", nameof(PayloadDecodeResult.InvalidBase64))]
    public void Refuses_bad_text_messages(string message, string expected)
    {
        Assert.Equal(expected, WebSocketMessageV3.TryDecodeText(Encoding.UTF8.GetBytes(message), out _).ToString());
    }

    [Fact]
    public void Writes_a_binary_message_led_by_the_type_byte()
    {
        var writer = new ArrayBufferWriter<byte>();
        WebSocketMessageV3.WriteBinary(writer, [1, 2, 3, 4]);
        Assert.Equal(new byte[] { 4, 1, 2, 3, 4 }, writer.WrittenSpan.ToArray());
    }

    [Fact]
    public void Writes_a_binary_message_as_b4_base64_for_a_b64_session()
    {
        var writer = new ArrayBufferWriter<byte>();
        WebSocketMessageV3.WriteBase64(writer, [1, 2, 3, 4]);
        Assert.Equal("b4AQIDBA==", Encoding.UTF8.GetString(writer.WrittenSpan));
    }

    [Fact]
    public void What_is_written_reads_back()
    {
        var writer = new ArrayBufferWriter<byte>();
        WebSocketMessageV3.WriteBinary(writer, [255, 0, 4]);
        Assert.True(WebSocketMessageV3.TryDecodeBinary(writer.WrittenMemory, out var packet));
        Assert.Equal(new byte[] { 255, 0, 4 }, packet.Data.ToArray());
    }
}
