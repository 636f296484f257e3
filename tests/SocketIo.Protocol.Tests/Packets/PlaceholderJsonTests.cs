using System.Buffers;
using System.Text;
using System.Text.Json;
using SocketIo.Protocol.Packets;

namespace SocketIo.Protocol.Tests.Packets;

/// <summary>Values with binary placeholders cut out of, put into, and flattened for JSON documents.</summary>
public sealed class PlaceholderJsonTests
{
    private static readonly ReadOnlyMemory<byte>[] s_three = [new byte[] { 0 }, new byte[] { 1, 2 }, new byte[] { 3 }];

    [Fact]
    public void ExtractValue_RenumbersFromZero_InOrderOfAppearance()
    {
        using var document = JsonDocument.Parse("""{"a":1,"b":[{"_placeholder":true,"num":2},{"x":{"_placeholder":true,"num":1}},{"_placeholder":true,"num":2}]}""");
        var value = PlaceholderJson.ExtractValue(document.RootElement.GetProperty("b"), s_three);
        Assert.Equal("""[{"_placeholder":true,"num":0},{"x":{"_placeholder":true,"num":1}},{"_placeholder":true,"num":0}]""", Text(value.Json));
        Assert.Equal([new byte[] { 3 }, new byte[] { 1, 2 }], value.Attachments.Select(a => a.ToArray()));
        Assert.True(value.HasBinary);
    }

    [Fact]
    public void ExtractValue_WithoutBinary_CopiesTheText()
    {
        using var document = JsonDocument.Parse("""{"b":{"k":"\u00e9\n","n":1.50}}""");
        var value = PlaceholderJson.ExtractValue(document.RootElement.GetProperty("b"), []);
        Assert.Equal("""{"k":"\u00e9\n","n":1.50}""", Text(value.Json));
        Assert.False(value.HasBinary);
    }

    [Theory]
    [InlineData("""[{"_placeholder":true,"num":0}]""")]
    [InlineData("""[{"_placeholder":true,"num":3}]""")]
    [InlineData("""[{"_placeholder":true}]""")]
    [InlineData("""[{"\u005fplaceholder":true,"num":9}]""")]
    public void ExtractValue_RefusesPlaceholdersPointingNowhere(string json)
    {
        using var document = JsonDocument.Parse(json);
        var attachments = json.Contains("num\":3", StringComparison.Ordinal) ? s_three : [];
        Assert.Throws<InvalidDataException>(() => PlaceholderJson.ExtractValue(document.RootElement, attachments));
    }

    [Fact]
    public void ExtractPayload_WantsAnArray()
    {
        using var document = JsonDocument.Parse("""{"data":["ev",{"_placeholder":true,"num":1}],"x":{}}""");
        var payload = PlaceholderJson.ExtractPayload(document.RootElement.GetProperty("data"), s_three);
        Assert.Equal("""["ev",{"_placeholder":true,"num":0}]""", Text(payload.Json));
        Assert.Single(payload.Attachments);
        Assert.Throws<InvalidDataException>(() => PlaceholderJson.ExtractPayload(document.RootElement.GetProperty("x"), s_three));
    }

    [Fact]
    public void WriteShifted_MovesPlaceholdersPastEarlierAttachments()
    {
        var json = Encoding.UTF8.GetBytes("""[{"_placeholder":true,"num":0},{"k":{"_placeholder":true,"num":1}}]""");
        Assert.Equal("""[{"_placeholder":true,"num":3},{"k":{"_placeholder":true,"num":4}}]""", Write(w => PlaceholderJson.WriteShifted(w, json, 2, 3)));
        Assert.Equal(Encoding.UTF8.GetString(json), Write(w => PlaceholderJson.WriteShifted(w, json, 2, 0)));
        Assert.Throws<InvalidDataException>(() => Write(w => PlaceholderJson.WriteShifted(w, json, 1, 3)));
    }

    [Fact]
    public void WriteStringified_WritesNodeBufferJson()
    {
        var json = Encoding.UTF8.GetBytes("""["ev",{"b":{"_placeholder":true,"num":1}},{"_placeholder":true,"num":0}]""");
        Assert.Equal(
            """["ev",{"b":{"type":"Buffer","data":[1,2]}},{"type":"Buffer","data":[0]}]""",
            Write(w => PlaceholderJson.WriteStringified(w, json, s_three[..2])));
        Assert.Equal("""{"type":"Buffer","data":[]}""", Write(w => PlaceholderJson.WriteStringified(w, """{"_placeholder":true,"num":0}"""u8.ToArray(), [Array.Empty<byte>()])));
    }

    [Fact]
    public void WritingWithoutAttachments_StillRefusesPlaceholders()
    {
        var json = """[{"_placeholder":true,"num":0}]"""u8.ToArray();
        Assert.Throws<InvalidDataException>(() => Write(w => PlaceholderJson.WriteStringified(w, json, [])));
        Assert.Throws<InvalidDataException>(() => Write(w => PlaceholderJson.WriteShifted(w, json, 0, 5)));
        Assert.Equal("""[{"_placeholder":false}]""", Write(w => PlaceholderJson.WriteShifted(w, """[{"_placeholder":false}]"""u8.ToArray(), 0, 5)));
    }

    [Fact]
    public void EscapedNames_AreUnescapedOnce()
    {
        var json = Encoding.UTF8.GetBytes("""[{"a\"b\u00e9":{"_placeholder":true,"num":0},"\ud800":1}]""");
        Assert.Equal("[{\"a\\\"bé\":{\"_placeholder\":true,\"num\":7},\"\uFFFD\":1}]", Write(w => PlaceholderJson.WriteShifted(w, json, 1, 7)));
    }

    private static string Text(ReadOnlyMemory<byte> json) => Encoding.UTF8.GetString(json.Span);

    private static string Write(Action<Utf8JsonWriter> write)
    {
        var output = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(output, SocketIoJson.WriterOptions))
        {
            write(writer);
        }

        return Encoding.UTF8.GetString(output.WrittenSpan);
    }
}
