using System.Text;
using SocketIo.Protocol.Packets;

namespace SocketIo.Protocol.Tests.Packets;

/// <summary>A payload with one more string at its end: where connection state recovery puts an event's offset.</summary>
public sealed class PacketPayloadTests
{
    [Theory]
    [InlineData("""["e"]""", """["e","1.abc"]""")]
    [InlineData("""["e",1,{"a":[]}]""", """["e",1,{"a":[]},"1.abc"]""")]
    [InlineData("""["e","ends with ["]""", """["e","ends with [","1.abc"]""")]
    [InlineData("[]", """["1.abc"]""")]
    [InlineData("[ ] \n", """[ "1.abc"]""")]
    [InlineData("""["e",[] ]""", """["e",[] ,"1.abc"]""")]
    public void The_string_becomes_the_last_element(string json, string expected)
    {
        var payload = new PacketPayload(Encoding.UTF8.GetBytes(json), []);
        Assert.Equal(expected, Encoding.UTF8.GetString(payload.WithTrailingString("1.abc").Json.Span));
    }

    [Fact]
    public void The_string_is_escaped_and_the_attachments_are_kept()
    {
        var attachment = new byte[] { 1, 2, 3 };
        var payload = new PacketPayload("""["e",{"_placeholder":true,"num":0}]"""u8.ToArray(), [attachment]);
        var appended = payload.WithTrailingString("a\"b");
        Assert.Equal("""["e",{"_placeholder":true,"num":0},"a\"b"]""", Encoding.UTF8.GetString(appended.Json.Span));
        Assert.Equal(attachment, Assert.Single(appended.Attachments).ToArray());
    }

    [Theory]
    [InlineData("")]
    [InlineData("{}")]
    [InlineData("\"x\"")]
    public void A_payload_that_is_not_an_array_is_refused(string json)
    {
        var payload = new PacketPayload(Encoding.UTF8.GetBytes(json), []);
        Assert.Throws<InvalidOperationException>(() => payload.WithTrailingString("1.abc"));
    }
}
