using System.Text;
using SocketIo.Protocol.Packets;

namespace SocketIo.Protocol.Tests.Packets;

/// <summary>
/// A payload framed as one packet, and the same payload with one more string at its end: where connection state
/// recovery puts an event's offset.
/// </summary>
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

    /// <summary>
    /// The text frame is the header, then the JSON, and one binary frame per attachment follows; a namespace too long
    /// for the header's stack buffer is written the same way.
    /// </summary>
    [Theory]
    [InlineData(0, null, 0, "42")]
    [InlineData(0, 12L, 0, "4212")]
    [InlineData(4, 12L, 0, "42{nsp},12")]
    [InlineData(4, 12L, 2, "452-{nsp},12")]
    [InlineData(300, 7L, 1, "451-{nsp},7")]
    public void Frames_are_the_header_and_json_then_the_attachments(int namespaceLength, long? ackId, int attachmentCount, string expectedHeader)
    {
        var nsp = "/" + new string('é', namespaceLength);
        expectedHeader = expectedHeader.Replace("{nsp}", nsp, StringComparison.Ordinal);
        var attachments = Enumerable.Range(0, attachmentCount).Select(i => (ReadOnlyMemory<byte>)new byte[] { (byte)i, 9 }).ToArray();
        var json = "[\"e\"" + string.Concat(Enumerable.Range(0, attachmentCount).Select(i => $",{{\"_placeholder\":true,\"num\":{i}}}")) + "]";

        var frames = new PacketPayload(Encoding.UTF8.GetBytes(json), attachments).ToFrames(SocketIoPacketType.Event, nsp, ackId);

        Assert.Equal(1 + attachmentCount, frames.Length);
        Assert.False(frames[0].IsBinary);
        Assert.Equal(expectedHeader + json, Encoding.UTF8.GetString(frames[0].Payload.Span));
        for (var i = 0; i < attachmentCount; i++)
        {
            Assert.True(frames[i + 1].IsBinary);
            Assert.Equal(attachments[i].ToArray(), frames[i + 1].Payload.ToArray());
        }
    }
}
