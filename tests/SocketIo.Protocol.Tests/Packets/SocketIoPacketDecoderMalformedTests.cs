using System.Text;
using SocketIo.Protocol.Packets;

namespace SocketIo.Protocol.Tests.Packets;

/// <summary>
/// Packets the server must refuse (those the Node reference closes the connection for, plus our own limits), each with
/// the reason expected. The packets Node drops instead are in <see cref="SocketIoPacketDecoderNodeFidelityTests"/>.
/// </summary>
public sealed class SocketIoPacketDecoderMalformedTests
{
    [Theory]
    // Header: type, attachment count.
    [InlineData("4", "empty packet")]
    [InlineData("4abc", "unknown packet type")]
    [InlineData("47[]", "unknown packet type")]
    [InlineData("4-2[]", "unknown packet type")]
    [InlineData("""450-["e",{"_placeholder":true,"num":0}]""", "attachment count out of range")]
    [InlineData("""4511-["e",{"_placeholder":true,"num":0}]""", "attachment count out of range")]
    [InlineData("""45-["e"]""", "malformed attachment count")]
    [InlineData("""451["e",{"_placeholder":true,"num":0}]""", "malformed attachment count")]
    [InlineData("""45a-["e"]""", "malformed attachment count")]
    [InlineData("""451234567890-["e"]""", "malformed attachment count")]
    [InlineData("451", "malformed attachment count")]
    // Namespace.
    [InlineData("40custom", "invalid JSON payload")]
    [InlineData("40/cus\u0001tom,", "namespace contains control characters")]
    [InlineData("40/cus\ttom", "namespace contains control characters")]
    [InlineData("40/cus\u0085tom", "namespace contains control characters")]
    // Ack id.
    [InlineData("""4212345678901234567["e"]""", "ack id too long")]
    [InlineData("439007199254740992[]", "ack id out of range")]
    [InlineData("4399999999999999999999999999999999[]", "ack id too long")]
    // JSON.
    [InlineData("""42abc["message"]""", "invalid JSON payload")]
    [InlineData("""42["message",1""", "invalid JSON payload")]
    [InlineData("""42["message""", "invalid JSON payload")]
    [InlineData("""40{"token":""", "invalid JSON payload")]
    [InlineData("""42["a"]x""", "invalid JSON payload")]
    [InlineData("""42["a"]["b"]""", "invalid JSON payload")]
    [InlineData("""42["a",]""", "invalid JSON payload")]
    [InlineData("""42["a"/*c*/]""", "invalid JSON payload")]
    [InlineData("""42['a']""", "invalid JSON payload")]
    [InlineData("40 ", "invalid JSON payload")]
    // CONNECT.
    [InlineData("40[]", "CONNECT payload must be an object")]
    [InlineData("""40"x" """, "CONNECT payload must be an object")]
    [InlineData("""40/custom,"x" """, "CONNECT payload must be an object")]
    [InlineData("40null", "CONNECT payload must be an object")]
    // DISCONNECT.
    [InlineData("41{}", "DISCONNECT takes no payload")]
    [InlineData("41[]", "DISCONNECT takes no payload")]
    [InlineData("41/custom,{}", "DISCONNECT takes no payload")]
    // EVENT.
    [InlineData("42{}", "EVENT payload must be a non-empty array")]
    [InlineData("42[]", "EVENT payload must be a non-empty array")]
    [InlineData("""42"message" """, "EVENT payload must be a non-empty array")]
    [InlineData("42[null]", "event name must be a string or a number")]
    [InlineData("42[{}]", "event name must be a string or a number")]
    [InlineData("42[true]", "event name must be a string or a number")]
    [InlineData("""42["connect"]""", "reserved event name")]
    [InlineData("""42["connect_error"]""", "reserved event name")]
    [InlineData("""42["disconnect"]""", "reserved event name")]
    [InlineData("""42["disconnecting",1]""", "reserved event name")]
    [InlineData("""42["newListener"]""", "reserved event name")]
    [InlineData("""421["removeListener"]""", "reserved event name")]
    [InlineData("""42["conn\u0065ct"]""", "reserved event name")]
    [InlineData("""451-["connect",{"_placeholder":true,"num":0}]""", "reserved event name")]
    // ACK.
    [InlineData("431{}", "ACK payload must be an array")]
    [InlineData("""431"x" """, "ACK payload must be an array")]
    [InlineData("""461-{"_placeholder":true,"num":0}""", "ACK payload must be an array")]
    // CONNECT_ERROR.
    [InlineData("44", "CONNECT_ERROR payload must be an object or a string")]
    [InlineData("44[]", "CONNECT_ERROR payload must be an object or a string")]
    [InlineData("441", "CONNECT_ERROR payload must be an object or a string")]
    // Placeholders.
    [InlineData("""451-["e",{"_placeholder":true,"num":1}]""", "placeholder pointing nowhere")]
    [InlineData("""452-["e",{"_placeholder":true,"num":-1}]""", "placeholder pointing nowhere")]
    [InlineData("""452-["e",{"_placeholder":true,"num":0.5}]""", "placeholder pointing nowhere")]
    [InlineData("""452-["e",{"_placeholder":true,"num":"0"}]""", "placeholder pointing nowhere")]
    [InlineData("""452-["e",{"_placeholder":true}]""", "placeholder pointing nowhere")]
    [InlineData("""452-["e",{"_placeholder":true,"num":null}]""", "placeholder pointing nowhere")]
    [InlineData("""452-["e",{"_placeholder":true,"num":99999999999}]""", "placeholder pointing nowhere")]
    [InlineData("""452-["e",{"a":[{"b":{"_placeholder":true,"num":2}}]}]""", "placeholder pointing nowhere")]
    [InlineData("""452-["e",{"\u005fplaceholder":true,"num":5}]""", "placeholder pointing nowhere")]
    [InlineData("""452-["e",{"_placeholder":true,"num":0,"num":7}]""", "placeholder pointing nowhere")]
    [InlineData("""451-["e",{"_placeholder":true,"nom":0}]""", "placeholder pointing nowhere")]
    [InlineData("""452-["e",{"_placeholder":true,"num":1e400}]""", "placeholder pointing nowhere")]
    [InlineData("""451-["e",{"\ud800":1,"_placeholder":true,"num":3}]""", "placeholder pointing nowhere")]
    [InlineData("""461-3[{"_placeholder":true,"num":1}]""", "placeholder pointing nowhere")]
    [InlineData("""461-[{"_placeholder":true,"num":1}]""", "placeholder pointing nowhere")]
    // ACK: a payload that is not an array is refused even without an ack id, as in Node.
    [InlineData("43{}", "ACK payload must be an array")]
    public void Refused(string wire, string reason)
    {
        var decoder = new SocketIoPacketDecoder();
        var status = decoder.DecodeText(Encoding.UTF8.GetBytes(wire[1..]), out var packet, out var error);
        Assert.Equal(SocketIoDecodeStatus.Error, status);
        Assert.Null(packet);
        Assert.Equal(reason, error);
        Assert.False(decoder.IsAwaitingAttachments);
    }

    [Theory]
    [InlineData(new byte[] { (byte)'2', (byte)'[', (byte)'"', 0xC3, (byte)'"', (byte)']' })]
    [InlineData(new byte[] { (byte)'2', (byte)'[', (byte)'"', 0xFF, (byte)'"', (byte)']' })]
    [InlineData(new byte[] { (byte)'0', (byte)'/', 0xC0, 0xAF, (byte)',' })]
    [InlineData(new byte[] { (byte)'2', (byte)'[', (byte)'"', 0xED, 0xA0, 0x80, (byte)'"', (byte)']' })] // an encoded surrogate
    public void Refused_InvalidUtf8(byte[] message)
    {
        var decoder = new SocketIoPacketDecoder();
        Assert.Equal(SocketIoDecodeStatus.Error, decoder.DecodeText(message, out var packet, out var error));
        Assert.Null(packet);
        Assert.Equal("invalid UTF-8", error);
    }

    [Theory]
    [InlineData(64, false)]
    [InlineData(65, true)]
    [InlineData(10_000, true)]
    [InlineData(2, false)]
    public void Refused_NestingBeyondMaxDepth(int depth, bool refused)
    {
        // The event array is the first level.
        var json = "[\"e\"," + new string('[', depth - 1) + new string(']', depth - 1) + "]";
        var decoder = new SocketIoPacketDecoder();
        var status = decoder.DecodeText(Encoding.UTF8.GetBytes("2" + json), out _, out var error);
        if (refused)
        {
            Assert.Equal(SocketIoDecodeStatus.Error, status);
            Assert.Equal("JSON payload nested too deeply", error);
        }
        else
        {
            Assert.Equal(SocketIoDecodeStatus.Packet, status);
        }
    }

    [Fact]
    public void Refused_NamespaceTooLong()
    {
        var decoder = new SocketIoPacketDecoder();
        Assert.Equal(SocketIoDecodeStatus.Packet, decoder.DecodeText(Encoding.UTF8.GetBytes("0/" + new string('a', 255) + ","), out _, out _));
        Assert.Equal(SocketIoDecodeStatus.Error, decoder.DecodeText(Encoding.UTF8.GetBytes("0/" + new string('a', 256) + ","), out _, out var error));
        Assert.Equal("namespace too long", error);
        Assert.Equal(SocketIoDecodeStatus.Error, decoder.DecodeText(Encoding.UTF8.GetBytes("0/" + new string('a', 100_000)), out _, out error));
        Assert.Equal("namespace too long", error);
    }

    [Fact]
    public void Refused_TextWhileAttachmentsPending_AndTheDecoderIsReset()
    {
        var decoder = new SocketIoPacketDecoder();
        Assert.Equal(
            SocketIoDecodeStatus.AwaitingAttachments,
            decoder.DecodeText("52-[\"e\",{\"_placeholder\":true,\"num\":0},{\"_placeholder\":true,\"num\":1}]"u8, out _, out _));
        Assert.Equal(SocketIoDecodeStatus.AwaitingAttachments, decoder.DecodeBinary([1], out _, out _));

        Assert.Equal(SocketIoDecodeStatus.Error, decoder.DecodeText("2[\"e\"]"u8, out var packet, out var error));
        Assert.Null(packet);
        Assert.Equal("text packet while binary attachments are pending", error);
        Assert.False(decoder.IsAwaitingAttachments);

        // The half-received packet is gone: a binary frame now has nothing to complete.
        Assert.Equal(SocketIoDecodeStatus.Error, decoder.DecodeBinary([2], out packet, out error));
        Assert.Null(packet);
        Assert.Equal("binary message with no attachment pending", error);
    }

    [Fact]
    public void Refused_BinaryWithNothingPending()
    {
        var decoder = new SocketIoPacketDecoder();
        Assert.Equal(SocketIoDecodeStatus.Error, decoder.DecodeBinary([1, 2, 3], out var packet, out var error));
        Assert.Null(packet);
        Assert.Equal("binary message with no attachment pending", error);

        // Also after a completed binary packet: one attachment too many.
        decoder.DecodeText("51-[\"e\",{\"_placeholder\":true,\"num\":0}]"u8, out _, out _);
        Assert.Equal(SocketIoDecodeStatus.Packet, decoder.DecodeBinary([1], out _, out _));
        Assert.Equal(SocketIoDecodeStatus.Error, decoder.DecodeBinary([2], out _, out error));
        Assert.Equal("binary message with no attachment pending", error);
    }

    [Fact]
    public void Refused_BinaryHeaderWhileAttachmentsPending()
    {
        var decoder = new SocketIoPacketDecoder();
        decoder.DecodeText("51-[\"e\",{\"_placeholder\":true,\"num\":0}]"u8, out _, out _);
        Assert.Equal(SocketIoDecodeStatus.Error, decoder.DecodeText("51-[\"e\",{\"_placeholder\":true,\"num\":0}]"u8, out _, out var error));
        Assert.Equal("text packet while binary attachments are pending", error);
    }
}
