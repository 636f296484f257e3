using System.Buffers;
using System.Text;
using SocketIo.Protocol.Engine;

namespace SocketIo.Protocol.Tests.Engine;

/// <summary>JSONP polling (protocol v3, query <c>j</c>): the script a GET answers with, and the form a POST sends.</summary>
public sealed class JsonpPollingTests
{
    private static string Response(string? callbackIndex, string textPayload)
    {
        var writer = new ArrayBufferWriter<byte>();
        JsonpPolling.WriteResponse(writer, callbackIndex, Encoding.UTF8.GetBytes(textPayload));
        return Encoding.UTF8.GetString(writer.WrittenSpan);
    }

    private static string? ReadPost(string body) =>
        JsonpPolling.TryReadPostBody(Encoding.UTF8.GetBytes(body), out var payload) ? Encoding.UTF8.GetString(payload) : null;

    /// <summary>What the 2.x client's JSONP transport posts: newlines escaped, then the form encoding.</summary>
    internal static string ClientForm(string payload) =>
        "d=" + Uri.EscapeDataString(payload.Replace("\\n", "\\\n", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal));

    [Fact]
    public void Wraps_the_payload_in_a_call_to_the_clients_callback()
    {
        Assert.Equal("___eio[12](\"6:4hello\");", Response("12", "6:4hello"));
    }

    [Theory]
    [InlineData("1x2", "___eio[12](")]
    [InlineData("</script><script>alert(1)//", "___eio[1](")]
    [InlineData("", "___eio[](")]
    [InlineData(null, "___eio[](")]
    public void Keeps_only_the_digits_of_the_callback_index(string? callbackIndex, string head)
    {
        Assert.StartsWith(head + "\"", Response(callbackIndex, "0:"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a\nb", "a\\nb")]
    [InlineData("\"\\", "\\\"\\\\")]
    [InlineData("\u0001\t\r\b\f", "\\u0001\\t\\r\\b\\f")]
    [InlineData("a\u2028b\u2029c", "a\\u2028b\\u2029c")] // valid in JSON, not in older JavaScript
    [InlineData("é€😀</script>&<>'", "é€😀</script>&<>'")] // as JSON.stringify leaves them
    public void Escapes_the_payload_as_a_javascript_string(string payload, string literal)
    {
        Assert.Equal("___eio[0](\"" + literal + "\");", Response("0", payload));
    }

    [Fact]
    public void Reads_the_payload_from_the_d_field()
    {
        Assert.Equal("6:4hello", ReadPost("d=6%3A4hello"));
        Assert.Equal("6:4a b+c", ReadPost("d=6%3A4a+b%2Bc"));
        Assert.Equal("1:2", ReadPost("x=1&d=1:2&y"));
        Assert.Equal("1:2", ReadPost("%64=1:2"));
    }

    [Theory]
    [InlineData("7:4a\nb\\nc")] // a newline and a backslash-n in the same message
    [InlineData("4:4\\\\n")]
    [InlineData("3:4\n\n")]
    [InlineData("3:4\\\\")] // backslashes alone pass untouched
    public void Undoes_the_clients_newline_escaping(string payload)
    {
        Assert.Equal(payload, ReadPost(ClientForm(payload)));
    }

    [Theory]
    [InlineData("x=1")]
    [InlineData("")]
    [InlineData("d=1:2&d=1:2")] // repeated: Node's parser makes it an array and ignores it
    [InlineData("dd=1:2")]
    public void Finds_no_payload_without_a_single_d_field(string body)
    {
        Assert.Null(ReadPost(body));
    }

    [Fact]
    public void Reads_only_the_first_thousand_pairs()
    {
        Assert.Equal("1:2", ReadPost(new string('&', 999) + "d=1:2"));
        Assert.Null(ReadPost(new string('&', 1000) + "d=1:2"));
    }

    [Theory]
    [InlineData("d=4%3A4%ZZ", "4:4%ZZ")] // a malformed escape stays as written
    [InlineData("d=2%3A4%C3", "2:4\uFFFD")] // an escape that is not UTF-8
    [InlineData("d=5%3A4é%ZZ", "5:4\uFFFD%ZZ")] // Node's fallback keeps a character's low byte only
    [InlineData("d=4:4é%ZZ", "4:4é%ZZ")] // without a well-formed escape nothing is decoded
    public void Decodes_escapes_as_the_node_server_does(string body, string payload)
    {
        Assert.Equal(payload, ReadPost(body));
    }

    [Fact]
    public void A_posted_payload_decodes_as_a_text_framed_payload()
    {
        Assert.True(JsonpPolling.TryReadPostBody(Encoding.UTF8.GetBytes(ClientForm("6:4hello10:b4AQIDBA==")), out var payload));
        var packets = new List<EnginePacket>();
        Assert.Equal(PayloadDecodeResult.Success, PollingPayloadV3.TryDecodeText(payload, 4, packets));
        Assert.Equal(["4hello", "bin:AQIDBA=="], packets.Select(EngineTestHelpers.Describe));
    }
}
