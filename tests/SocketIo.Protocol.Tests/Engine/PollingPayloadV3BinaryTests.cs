using SocketIo.Protocol.Engine;
using static SocketIo.Protocol.Tests.Engine.EngineTestHelpers;

namespace SocketIo.Protocol.Tests.Engine;

/// <summary>
/// Protocol v3 binary-framed POST bodies (<c>application/octet-stream</c>): per packet a 0/1 marker, the length's
/// digits as byte values 0–9, 0xFF, then the packet.
/// </summary>
public sealed class PollingPayloadV3BinaryTests
{
    /// <summary>The bytes the official v3 suite expects for <c>4hello</c> and the binary message 01 02 03 04.</summary>
    private static readonly byte[] s_suiteVector = Bytes(0, 6, 255, "4hello", 1, 5, 255, 4, new byte[] { 1, 2, 3, 4 });

    [Fact]
    public void Decodes_the_suite_vector()
    {
        var (result, packets) = DecodeV3Binary(s_suiteVector);
        Assert.Equal(PayloadDecodeResult.Success, result);
        Assert.Equal(["4hello", "bin:AQIDBA=="], packets);
    }

    [Fact]
    public void Counts_a_string_packet_in_utf8_bytes()
    {
        // "4€😀" is 1 + 3 + 4 = 8 bytes.
        var (result, packets) = DecodeV3Binary(Bytes(0, 8, 255, "4€😀", 0, 1, 255, "2"));
        Assert.Equal(PayloadDecodeResult.Success, result);
        Assert.Equal(["4€😀", "2"], packets);
    }

    [Fact]
    public void Reads_multi_digit_lengths()
    {
        var data = Enumerable.Range(0, 300).Select(i => (byte)i).ToArray();
        var (result, packets) = DecodeV3Binary(Bytes(1, 3, 0, 1, 255, 4, data));
        Assert.Equal(PayloadDecodeResult.Success, result);
        Assert.Equal(["bin:" + Convert.ToBase64String(data)], packets);
    }

    [Fact]
    public void Decodes_an_empty_binary_message_and_b4_base64_in_a_string_packet()
    {
        var (result, packets) = DecodeV3Binary(Bytes(1, 1, 255, 4, 0, 6, 255, "b4AQI="));
        Assert.Equal(PayloadDecodeResult.Success, result);
        Assert.Equal(["bin:", "bin:AQI="], packets);
    }

    [Fact]
    public void Binary_messages_are_copied_out_of_the_body()
    {
        var body = Bytes(1, 3, 255, 4, 7, 8);
        var packets = new List<EnginePacket>();
        Assert.Equal(PayloadDecodeResult.Success, PollingPayloadV3.TryDecodeBinary(body, 4, packets));
        body[4] = 0;
        Assert.Equal(new byte[] { 7, 8 }, packets[0].Data.ToArray());
    }

    [Fact]
    public void Refuses_an_empty_body()
    {
        Assert.Equal(PayloadDecodeResult.EmptySegment, DecodeV3Binary([]).Result);
    }

    public static TheoryData<byte[]> MalformedFraming => new()
    {
        Bytes(2, 1, 255, "2"), // a marker other than 0 or 1
        Bytes(255, 1, 255, "2"),
        Bytes((int)'0', 1, 255, "2"),
        Bytes(0, 255, "2"), // no digits
        Bytes(0, 10, 255, "2"), // a digit byte above 9
        Bytes(0, (int)'1', 255, "2"), // an ASCII digit
        Bytes(0, 1), // digits, then the end
        Bytes(0, 1, 0), // no 0xFF
        Bytes(0), // a marker alone
        Bytes(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 255, "2"), // 11 digits
        Bytes(0, 1, 255, "2", 7), // a good packet, then junk
    };

    [Theory]
    [MemberData(nameof(MalformedFraming))]
    public void Refuses_malformed_framing(byte[] body)
    {
        var (result, packets) = DecodeV3Binary(body);
        Assert.Equal(PayloadDecodeResult.MalformedFraming, result);
        Assert.Empty(packets);
    }

    public static TheoryData<byte[]> TruncatedBodies => new()
    {
        Bytes(0, 6, 255, "4hell"),
        Bytes(1, 5, 255, 4, 1, 2),
        Bytes(0, 6, 255, "4hello", 1, 5, 255, 4, 1, 2, 3),
        Bytes(0, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 255, "4"), // ten digits, far past the body
    };

    [Theory]
    [MemberData(nameof(TruncatedBodies))]
    public void Refuses_truncated_packets(byte[] body)
    {
        var (result, packets) = DecodeV3Binary(body);
        Assert.Equal(PayloadDecodeResult.Truncated, result);
        Assert.Empty(packets);
    }

    [Fact]
    public void Refuses_a_packet_of_length_zero()
    {
        Assert.Equal(PayloadDecodeResult.EmptySegment, DecodeV3Binary(Bytes(0, 1, 255, "2", 0, 0, 255)).Result);
        Assert.Equal(PayloadDecodeResult.EmptySegment, DecodeV3Binary(Bytes(1, 0, 255)).Result);
    }

    [Theory]
    [InlineData(2)] // a binary ping
    [InlineData(0)]
    [InlineData(7)]
    [InlineData((int)'4')] // the ASCII digit instead of the byte
    public void Refuses_a_binary_packet_that_is_not_a_message(int typeByte)
    {
        var (result, packets) = DecodeV3Binary(Bytes(0, 1, 255, "2", 1, 2, 255, typeByte, 9));
        Assert.Equal(PayloadDecodeResult.InvalidPacketType, result);
        Assert.Empty(packets);
    }

    [Fact]
    public void Refuses_a_bad_string_packet()
    {
        Assert.Equal(PayloadDecodeResult.InvalidPacketType, DecodeV3Binary(Bytes(0, 2, 255, "9x")).Result);
        Assert.Equal(PayloadDecodeResult.InvalidBase64, DecodeV3Binary(Bytes(0, 3, 255, "b4A")).Result);
    }

    [Fact]
    public void String_packets_pass_their_utf8_on_unchecked_like_v4_text()
    {
        // The length is in bytes here, so nothing needs decoding; the layer above validates the text.
        var (result, packets) = DecodeV3Binary(Bytes(0, 3, 255, (int)'4', 0xC3, 0x28));
        Assert.Equal(PayloadDecodeResult.Success, result);
        Assert.Single(packets);
    }

    [Fact]
    public void Refuses_more_packets_than_allowed()
    {
        var body = Enumerable.Repeat(Bytes(0, 1, 255, "2"), 5).SelectMany(b => b).ToArray();
        Assert.Equal(PayloadDecodeResult.TooManyPackets, DecodeV3Binary(body, maxPackets: 4).Result);
        Assert.Equal(PayloadDecodeResult.Success, DecodeV3Binary(body, maxPackets: 5).Result);
    }
}
