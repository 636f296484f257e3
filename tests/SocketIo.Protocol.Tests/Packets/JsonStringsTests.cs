using System.Buffers;
using System.Text;
using System.Text.Json;
using SocketIo.Protocol.Packets;

namespace SocketIo.Protocol.Tests.Packets;

/// <summary>JSON strings read and written as JavaScript does, lone surrogates included.</summary>
public sealed class JsonStringsTests
{
    [Theory]
    [InlineData("""plain""", false)]
    [InlineData("""\ud800""", true)]
    [InlineData("""\udbff""", true)]
    [InlineData("""\udc00""", true)]
    [InlineData("""x\uDFFFy""", true)]
    [InlineData("""\ud83d\ude00""", false)]
    [InlineData("""\uD83D\uDE00""", false)]
    [InlineData("""\ud83d\ud83d\ude00""", true)]
    [InlineData("""\ud83d\ude00\ude00""", true)]
    [InlineData("""\ud83d\u0041""", true)]
    [InlineData("""\ud83d\n""", true)]
    [InlineData("""\\ud800""", false)]
    [InlineData("""\\\ud800""", true)]
    [InlineData("""\"\ud7ff\ue000""", false)]
    public void HasLoneSurrogateEscape(string content, bool expected) =>
        Assert.Equal(expected, JsonStrings.HasLoneSurrogateEscape(Encoding.UTF8.GetBytes(content)));

    [Fact]
    public void Unescape_KeepsLoneSurrogates_AndMatchesSystemTextJsonElsewhere()
    {
        // Not a theory: theory data is serialised, and lone surrogates do not survive that.
        (string Content, string Expected)[] cases =
        [
            ("""\ud800""", "\ud800"),
            ("""a\uDC00b""", "a\udc00b"),
            ("""\ude00\ud83d""", "\ude00\ud83d"),
            ("""é\ud83d\ude00\ud83d😀""", "é😀\ud83d😀"),
            ("""\"\\\/\b\f\n\r\t\u0000\u001f""", "\"\\/\b\f\n\r\t\0\u001f"),
            ("""plain""", "plain"),
            ("", ""),
        ];
        foreach (var (content, expected) in cases)
        {
            Assert.Equal(expected, JsonStrings.Unescape(Encoding.UTF8.GetBytes(content)));
            using var document = JsonDocument.Parse("\"" + content + "\"");
            Assert.Equal(expected, JsonStrings.GetString(document.RootElement));
        }
    }

    [Fact]
    public void ReadString_FromAReaderOverSegments()
    {
        // A value split across buffer segments comes as a sequence.
        var first = new Segment("[\"a\\ud8"u8.ToArray());
        var last = first.Append("00b\"]"u8.ToArray());
        var reader = new Utf8JsonReader(new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length));
        reader.Read();
        reader.Read();
        Assert.True(reader.HasValueSequence);
        Assert.Equal("a\ud800b", JsonStrings.ReadString(ref reader));
    }

    [Theory]
    [InlineData("""["\ud800",{"\udc00":[1.50,"\uD83D\uDE00",null,true]},"\u0041"]""", """["\ud800",{"\udc00":[1.50,"😀",null,true]},"A"]""")]
    [InlineData("""{"a":{"b":{"c":"\udfff"}},"d":"\n"}""", """{"a":{"b":{"c":"\udfff"}},"d":"\n"}""")]
    [InlineData("""["no lone surrogate","\u00e9"]""", """["no lone surrogate","é"]""")]
    public void ElementWriter_WritesWhatJsonStringifyWould(string json, string expected)
    {
        using var document = JsonDocument.Parse(json);
        var output = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(output, SocketIoJson.WriterOptions))
        {
            JsonElementWriter.Write(writer, document.RootElement);
        }

        Assert.Equal(expected, Encoding.UTF8.GetString(output.WrittenSpan));
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory) => Memory = memory;

        public Segment Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Segment(memory) { RunningIndex = RunningIndex + Memory.Length };
            Next = next;
            return next;
        }
    }
}
