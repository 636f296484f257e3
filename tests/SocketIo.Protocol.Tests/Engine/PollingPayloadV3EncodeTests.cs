using System.Buffers;
using System.Text;
using SocketIo.Protocol.Engine;
using static SocketIo.Protocol.Tests.Engine.EngineTestHelpers;

namespace SocketIo.Protocol.Tests.Engine;

/// <summary>Protocol v3 GET bodies: the framing chosen per batch, and the bytes of each framing.</summary>
public sealed class PollingPayloadV3EncodeTests
{
    [Fact]
    public void A_b64_session_gets_binary_as_b4_base64_in_text()
    {
        var (format, body) = EncodeV3(supportsBinary: false, Text("4hello"), Binary(1, 2, 3, 4));
        Assert.Equal(PollingBodyFormat.Text, format);
        Assert.Equal("6:4hello10:b4AQIDBA==", Encoding.UTF8.GetString(body));
    }

    [Fact]
    public void A_binary_session_gets_a_batch_holding_binary_in_binary_framing_every_packet_included()
    {
        var (format, body) = EncodeV3(supportsBinary: true, Text("4hello"), Binary(1, 2, 3, 4));
        Assert.Equal(PollingBodyFormat.Binary, format);
        Assert.Equal(Bytes(0, 6, 255, "4hello", 1, 5, 255, 4, new byte[] { 1, 2, 3, 4 }), body);
    }

    [Fact]
    public void A_binary_session_gets_a_text_only_batch_in_text_framing()
    {
        var (format, body) = EncodeV3(supportsBinary: true, Text("4hello"), Text("3"));
        Assert.Equal(PollingBodyFormat.Text, format);
        Assert.Equal("6:4hello1:3", Encoding.UTF8.GetString(body));
    }

    [Fact]
    public void An_empty_batch_is_0_colon()
    {
        var (format, body) = EncodeV3(supportsBinary: true);
        Assert.Equal(PollingBodyFormat.Text, format);
        Assert.Equal("0:", Encoding.UTF8.GetString(body));
        Assert.Equal("0:", Encoding.UTF8.GetString(EncodeV3(supportsBinary: false).Body));
    }

    [Fact]
    public void The_noop_is_1_colon_6()
    {
        Assert.Equal("1:6", Encoding.UTF8.GetString(EncodeV3(supportsBinary: true, EngineFrames.Noop).Body));
    }

    [Theory]
    [InlineData("42[\"message-back\",\"€\"]", "22:")] // as the Node server writes it: 22 units, 24 bytes
    [InlineData("4😀", "3:")]
    [InlineData("4", "1:")]
    public void Text_framing_counts_utf16_code_units(string packet, string prefix)
    {
        Assert.Equal(prefix + packet, Encoding.UTF8.GetString(EncodeV3(supportsBinary: false, Text(packet)).Body));
    }

    [Fact]
    public void Binary_framing_counts_utf8_bytes_and_writes_each_digit_as_a_byte()
    {
        var longText = "4" + new string('é', 60); // 121 bytes
        var (_, body) = EncodeV3(supportsBinary: true, Text("4€"), Binary(), Text(longText));
        Assert.Equal(Bytes(0, 4, 255, "4€", 1, 1, 255, 4, 0, 1, 2, 1, 255, longText), body);
    }

    [Fact]
    public void Invalid_utf8_in_a_text_frame_is_replaced_so_the_length_matches_what_the_client_reads()
    {
        var frame = EngineFrame.Text(new byte[] { (byte)'4', (byte)'a', 0xFF, (byte)'b' });
        Assert.Equal("4:4a\uFFFDb", Encoding.UTF8.GetString(EncodeV3(supportsBinary: false, frame).Body));
        Assert.Equal(Bytes(0, 6, 255, "4a\uFFFDb", 1, 1, 255, 4), EncodeV3(supportsBinary: true, frame, Binary()).Body);
    }

    [Fact]
    public void The_open_packet_is_framed_with_its_own_length()
    {
        var open = EngineOpenPacket.ToArray("sid123", ["websocket"], 300, 200, 1_000_000);
        var body = Encoding.UTF8.GetString(EncodeV3(supportsBinary: true, EngineFrame.Text(open)).Body);
        var colon = body.IndexOf(':', StringComparison.Ordinal);
        Assert.Equal(body.Length - colon - 1, int.Parse(body[..colon], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(
            "0{\"sid\":\"sid123\",\"upgrades\":[\"websocket\"],\"pingInterval\":300,\"pingTimeout\":200,\"maxPayload\":1000000}",
            body[(colon + 1)..]);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void What_is_encoded_decodes_to_the_same_packets(bool supportsBinary)
    {
        EngineFrame[] frames =
        [
            Text("4hello"), Binary(1, 2, 3), Text("4€😀\n\"x"), EngineFrames.Ping, Binary(), Text("4" + new string('z', 1234)),
        ];
        var (format, body) = EncodeV3(supportsBinary, frames);
        var (result, packets) = format == PollingBodyFormat.Binary ? DecodeV3Binary(body) : DecodeV3Text(body);
        Assert.Equal(PayloadDecodeResult.Success, result);
        Assert.Equal(frames.Select(f => f.IsBinary ? "bin:" + Convert.ToBase64String(f.Payload.Span) : Encoding.UTF8.GetString(f.Payload.Span)), packets);
    }

    [Fact]
    public void Uses_binary_framing_only_for_a_binary_session_with_binary_in_the_batch()
    {
        Assert.True(PollingPayloadV3.UsesBinaryFraming([Text("4a"), Binary(1)], supportsBinary: true));
        Assert.False(PollingPayloadV3.UsesBinaryFraming([Text("4a"), Binary(1)], supportsBinary: false));
        Assert.False(PollingPayloadV3.UsesBinaryFraming([Text("4a")], supportsBinary: true));
        Assert.False(PollingPayloadV3.UsesBinaryFraming([], supportsBinary: true));
    }

    [Fact]
    public void Appends_to_what_the_writer_holds()
    {
        var writer = new ArrayBufferWriter<byte>();
        writer.Write("x"u8);
        PollingPayloadV3.EncodeText([Text("2")], writer);
        Assert.Equal("x1:2", Encoding.UTF8.GetString(writer.WrittenSpan));
    }
}
