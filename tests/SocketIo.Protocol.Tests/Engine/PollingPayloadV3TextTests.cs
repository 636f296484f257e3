using System.Text;
using SocketIo.Protocol.Engine;
using static SocketIo.Protocol.Tests.Engine.EngineTestHelpers;

namespace SocketIo.Protocol.Tests.Engine;

/// <summary>Protocol v3 text-framed POST bodies: <c>&lt;length&gt;:&lt;packet&gt;</c>, the length in UTF-16 code units.</summary>
public sealed class PollingPayloadV3TextTests
{
    [Fact]
    public void Decodes_packets_framed_by_length_with_no_separator()
    {
        var (result, packets) = DecodeV3Text("6:4hello1:21:3");
        Assert.Equal(PayloadDecodeResult.Success, result);
        Assert.Equal(["4hello", "2", "3"], packets);
    }

    [Fact]
    public void Decodes_the_noop_and_the_close_packet()
    {
        Assert.Equal(["6"], DecodeV3Text("1:6").Packets);
        Assert.Equal(["1"], DecodeV3Text("1:1").Packets);
    }

    [Fact]
    public void Decodes_a_binary_message_as_b4_and_base64()
    {
        var (result, packets) = DecodeV3Text("6:4hello10:b4AQIDBA==");
        Assert.Equal(PayloadDecodeResult.Success, result);
        Assert.Equal(["4hello", "bin:AQIDBA=="], packets);
    }

    [Fact]
    public void Decodes_an_empty_binary_message()
    {
        Assert.Equal(["bin:"], DecodeV3Text("2:b4").Packets);
    }

    [Theory]
    [InlineData("22:42[\"message-back\",\"€\"]", "42[\"message-back\",\"€\"]")] // the Node server's own framing: € is 1 unit, 3 bytes
    [InlineData("2:4é", "4é")]
    [InlineData("3:4😀", "4😀")] // a surrogate pair is 2 units, 4 bytes
    [InlineData("5:4€😀é", "4€😀é")]
    [InlineData("4:4a😀1:2", "4a😀", "2")]
    public void Counts_the_length_in_utf16_code_units(string body, params string[] expected)
    {
        var (result, packets) = DecodeV3Text(body);
        Assert.Equal(PayloadDecodeResult.Success, result);
        Assert.Equal(expected, packets);
    }

    [Fact]
    public void Counts_a_long_packet_with_a_multi_digit_length()
    {
        var text = "4" + new string('x', 150) + "€" + new string('y', 50);
        var (result, packets) = DecodeV3Text($"{text.Length}:{text}1:2");
        Assert.Equal(PayloadDecodeResult.Success, result);
        Assert.Equal([text, "2"], packets);
    }

    [Fact]
    public void Skips_empty_segments_as_the_node_parser_does()
    {
        var (result, packets) = DecodeV3Text("0:");
        Assert.Equal(PayloadDecodeResult.Success, result);
        Assert.Empty(packets);
        Assert.Equal(["4a", "2"], DecodeV3Text("0:2:4a0:1:2").Packets);
    }

    [Fact]
    public void Accepts_leading_zeros_in_a_length()
    {
        Assert.Equal(["4a"], DecodeV3Text("002:4a").Packets);
    }

    [Fact]
    public void Text_packets_point_into_the_body()
    {
        var body = Encoding.UTF8.GetBytes("6:4hello");
        var packets = new List<EnginePacket>();
        Assert.Equal(PayloadDecodeResult.Success, PollingPayloadV3.TryDecodeText(body, 4, packets));
        body[3] = (byte)'j';
        Assert.Equal("jello", Encoding.UTF8.GetString(packets[0].Data.Span));
    }

    [Fact]
    public void Refuses_an_empty_body()
    {
        Assert.Equal(PayloadDecodeResult.EmptySegment, DecodeV3Text("").Result);
    }

    [Theory]
    [InlineData("abc")] // not a length at all (the invalid-payload probe of the suites)
    [InlineData(":4a")] // no digits
    [InlineData("x:4a")]
    [InlineData("1x:4")]
    [InlineData(" 2:4a")] // Node's Number() would take it; only digits here
    [InlineData("+2:4a")]
    [InlineData("-1:4")]
    [InlineData("2")] // digits, then the end
    [InlineData("2:4a3")] // a second length without its colon
    [InlineData("2;4a")]
    [InlineData("7:4hello1:2")] // a length one too long swallows the next length's digit
    [InlineData("4:4€1:2")] // a length counted in bytes (4) instead of units (2) takes "4€1:" and leaves "2"
    [InlineData("00000000002:4a")] // 11 digits
    [InlineData("99999999999:4")]
    public void Refuses_malformed_lengths(string body)
    {
        var (result, packets) = DecodeV3Text(body);
        Assert.Equal(PayloadDecodeResult.MalformedFraming, result);
        Assert.Empty(packets);
    }

    [Theory]
    [InlineData("5:4ab")] // the body ends first
    [InlineData("2:4a1:")] // a last packet missing entirely
    [InlineData("2:4😀")] // the length ends between the halves of a surrogate pair
    [InlineData("3:4a😀")]
    [InlineData("9999999999:4")] // 10 digits, far past the body
    public void Refuses_truncated_packets(string body)
    {
        var (result, packets) = DecodeV3Text(body);
        Assert.Equal(PayloadDecodeResult.Truncated, result);
        Assert.Empty(packets);
    }

    [Theory]
    [InlineData(new byte[] { (byte)'2', (byte)':', (byte)'4', 0xC3 })] // a sequence cut by the end of the body
    [InlineData(new byte[] { (byte)'3', (byte)':', (byte)'4', 0xC3, (byte)'a' })] // a lead byte without its continuation
    [InlineData(new byte[] { (byte)'2', (byte)':', (byte)'4', 0xFF })]
    [InlineData(new byte[] { (byte)'2', (byte)':', (byte)'4', 0xED, 0xA0, 0x80 })] // an encoded surrogate
    [InlineData(new byte[] { (byte)'2', (byte)':', (byte)'4', 0xC0, 0xAF })] // an overlong form
    public void Refuses_invalid_utf8(byte[] body)
    {
        var (result, packets) = DecodeV3Text(body);
        Assert.Equal(PayloadDecodeResult.InvalidUtf8, result);
        Assert.Empty(packets);
    }

    [Theory]
    [InlineData("3:7ab")]
    [InlineData("2:4a3:/ab")]
    [InlineData("4:b2AQ")] // base64 for a packet type other than message
    [InlineData("1:b")]
    public void Refuses_bad_packet_types(string body)
    {
        var (result, packets) = DecodeV3Text(body);
        Assert.Equal(PayloadDecodeResult.InvalidPacketType, result);
        Assert.Empty(packets);
    }

    [Theory]
    [InlineData("7:b4AQID!")]
    [InlineData("5:b4AQI")] // unpadded
    [InlineData("2:4a7:b4AQID=")]
    public void Refuses_bad_base64(string body)
    {
        var (result, packets) = DecodeV3Text(body);
        Assert.Equal(PayloadDecodeResult.InvalidBase64, result);
        Assert.Empty(packets);
    }

    [Fact]
    public void Refuses_more_segments_than_allowed_counting_empty_ones()
    {
        var body = string.Concat(Enumerable.Repeat("1:2", 5));
        Assert.Equal(PayloadDecodeResult.TooManyPackets, DecodeV3Text(body, maxPackets: 4).Result);
        Assert.Equal(PayloadDecodeResult.Success, DecodeV3Text(body, maxPackets: 5).Result);
        Assert.Equal(PayloadDecodeResult.TooManyPackets, DecodeV3Text(string.Concat(Enumerable.Repeat("0:", 5)), maxPackets: 4).Result);
    }

    [Fact]
    public void A_huge_count_of_tiny_segments_is_cut_off_at_the_limit()
    {
        var body = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("1:2", 100_000)));
        var (result, packets) = DecodeV3Text(body, maxPackets: 10_000);
        Assert.Equal(PayloadDecodeResult.TooManyPackets, result);
        Assert.Empty(packets);
    }
}
