using System.Buffers;
using System.Text;
using System.Text.Json;
using SocketIo.Protocol.Packets;

namespace SocketIo.Protocol.Tests.Packets;

/// <summary>SocketIoJson escapes strings as JavaScript's JSON.stringify does.</summary>
public sealed class SocketIoJsonTests
{
    private static string WriteString(string value)
    {
        var output = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(output, SocketIoJson.WriterOptions))
        {
            writer.WriteStringValue(value);
        }

        return Encoding.UTF8.GetString(output.WrittenSpan);
    }

    private static string WriteUtf8String(string value)
    {
        var output = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(output, SocketIoJson.WriterOptions))
        {
            writer.WriteStringValue(Encoding.UTF8.GetBytes(value));
        }

        return Encoding.UTF8.GetString(output.WrittenSpan);
    }

    [Theory]
    [InlineData("<>&'+é😀", "\"<>&'+é😀\"")]
    [InlineData("\u2028\u2029\u007f\u0080\uffff", "\"\u2028\u2029\u007f\u0080\uffff\"")]
    [InlineData("\U0001F600\U00010000\U0010FFFF", "\"\U0001F600\U00010000\U0010FFFF\"")]
    [InlineData("a\"b\\c", "\"a\\\"b\\\\c\"")]
    [InlineData("\u0001", "\"\\u0001\"")]
    [InlineData("\u0000\u001f", "\"\\u0000\\u001f\"")]
    [InlineData("\b\t\n\f\r", "\"\\b\\t\\n\\f\\r\"")]
    [InlineData("/", "\"/\"")]
    [InlineData("", "\"\"")]
    [InlineData("plain ascii text, long enough to take the vectorised path in the search", "\"plain ascii text, long enough to take the vectorised path in the search\"")]
    public void Strings_AreEscapedLikeJsonStringify(string value, string expected)
    {
        Assert.Equal(expected, WriteString(value));
        Assert.Equal(expected, WriteUtf8String(value));
        Assert.Equal(expected, JsonSerializer.Serialize(value, SocketIoJson.SerializerOptions));
    }

    [Fact]
    public void LoneSurrogates_AreEscapedLowercase()
    {
        // Not an xunit theory: theory data is serialised, and lone surrogates do not survive that.
        (string Value, string Expected)[] cases =
        [
            ("\ud800", "\"\\ud800\""),
            ("a\udc00b", "\"a\\udc00b\""),
            ("\ude00\ud83d", "\"\\ude00\\ud83d\""),
            ("\ud83d\ude00\ud83d", "\"😀\\ud83d\""),
        ];
        foreach (var (value, expected) in cases)
        {
            Assert.Equal(expected, WriteString(value));
            Assert.Equal(expected, JsonSerializer.Serialize(value, SocketIoJson.SerializerOptions));
        }
    }

    [Fact]
    public void PropertyNames_AreEscapedTheSameWay()
    {
        var json = JsonSerializer.Serialize(new Dictionary<string, int> { ["<é\"\n>"] = 1 }, SocketIoJson.SerializerOptions);
        Assert.Equal("{\"<é\\\"\\n>\":1}", json);
    }

    [Fact]
    public void InvalidUtf8_IsReplaced()
    {
        var output = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(output, SocketIoJson.WriterOptions))
        {
            writer.WriteStringValue(new byte[] { (byte)'a', 0xFF, (byte)'b' });
        }

        Assert.Equal("\"a\uFFFDb\"", Encoding.UTF8.GetString(output.WrittenSpan));
    }

    [Fact]
    public void Encoder_StringOverloads()
    {
        var encoder = SocketIoJson.Encoder;
        Assert.Equal("<é\\\"\\u0001", encoder.Encode("<é\"\u0001"));
        const string unchanged = "nothing to escape: <>&'+é😀";
        Assert.Same(unchanged, encoder.Encode(unchanged));

        using var writer = new StringWriter();
        encoder.Encode(writer, "x\"y\"z", 1, 3);
        encoder.Encode(writer, ['\n', 'q'], 0, 2);
        Assert.Equal("\\\"y\\\"\\nq", writer.ToString());
    }

    [Fact]
    public void Encoder_WillEncode()
    {
        var encoder = SocketIoJson.Encoder;
        Assert.True(encoder.WillEncode('"'));
        Assert.True(encoder.WillEncode('\\'));
        Assert.True(encoder.WillEncode(0x1F));
        Assert.False(encoder.WillEncode('<'));
        Assert.False(encoder.WillEncode(0x7F));
        Assert.False(encoder.WillEncode(0x1F600));
    }

    [Fact]
    public void Encoder_ReportsDestinationTooSmall_AndResumes()
    {
        var encoder = SocketIoJson.Encoder;
        var source = "ab\"cdé"u8;
        var destination = new byte[4];
        var status = encoder.EncodeUtf8(source, destination, out var consumed, out var written);
        Assert.Equal(OperationStatus.DestinationTooSmall, status);
        Assert.Equal("ab\\\"", Encoding.UTF8.GetString(destination, 0, written));

        var rest = new byte[16];
        Assert.Equal(OperationStatus.Done, encoder.EncodeUtf8(source[consumed..], rest, out _, out var restWritten));
        Assert.Equal("cdé", Encoding.UTF8.GetString(rest, 0, restWritten));
    }

    [Fact]
    public void Encoder_SplitSurrogatePair_NeedsMoreData()
    {
        var chars = new char[12];
        Assert.Equal(OperationStatus.NeedMoreData, SocketIoJson.Encoder.Encode("a\ud83d", chars, out var consumed, out _, isFinalBlock: false));
        Assert.Equal(1, consumed);
        Assert.Equal(OperationStatus.NeedMoreData, SocketIoJson.Encoder.EncodeUtf8([(byte)'a', 0xF0, 0x9F], new byte[12], out consumed, out _, isFinalBlock: false));
        Assert.Equal(1, consumed);
    }

    [Fact]
    public void SerializerOptions_AreWebDefaults_AndFrozen()
    {
        Assert.True(SocketIoJson.SerializerOptions.IsReadOnly);
        Assert.Same(SocketIoJson.Encoder, SocketIoJson.SerializerOptions.Encoder);
        Assert.Equal("""{"firstName":"a"}""", JsonSerializer.Serialize(new { FirstName = "a" }, SocketIoJson.SerializerOptions));
        Assert.False(SocketIoJson.WriterOptions.Indented);
        Assert.False(SocketIoJson.WriterOptions.SkipValidation);
        Assert.Same(SocketIoJson.Encoder, SocketIoJson.WriterOptions.Encoder);
    }
}
