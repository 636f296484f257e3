using System.Text.Json;
using SocketIo.Protocol.Packets;
using static SocketIo.Protocol.Tests.Packets.PacketTestHelpers;

namespace SocketIo.Protocol.Tests.Packets;

/// <summary>Valid Socket.IO v5 packets, as the official socket.io-protocol suite sends them, decoded.</summary>
public sealed class SocketIoPacketDecoderTests
{
    [Fact]
    public void Connect_WithoutPayload_OnMainNamespace()
    {
        var packet = DecodeOne("40");
        Assert.Equal(SocketIoPacketType.Connect, packet.Type);
        Assert.Equal("/", packet.Namespace);
        Assert.Null(packet.AckId);
        Assert.Null(packet.Data);
        Assert.Empty(packet.Attachments);
        Assert.False(packet.IsBinary);
    }

    [Fact]
    public void Connect_WithAuth()
    {
        var packet = DecodeOne("""40{"token":"123"}""");
        Assert.Equal(SocketIoPacketType.Connect, packet.Type);
        Assert.Equal("/", packet.Namespace);
        Assert.Equal("""{"token":"123"}""", packet.DataText());
        Assert.Equal("123", packet.Data!.Value.GetProperty("token").GetString());
    }

    [Theory]
    [InlineData("40/custom", null)]
    [InlineData("40/custom,", null)]
    [InlineData("""40/custom,{"token":"abc"}""", """{"token":"abc"}""")]
    public void Connect_CustomNamespaceForms(string wire, string? data)
    {
        var packet = DecodeOne(wire);
        Assert.Equal(SocketIoPacketType.Connect, packet.Type);
        Assert.Equal("/custom", packet.Namespace);
        Assert.Equal(data, packet.DataText());
    }

    [Fact]
    public void Connect_PayloadWithoutComma_IsPartOfTheNamespace()
    {
        // The namespace ends at ',' or at the end of the packet: "40/custom{"a":1}" is the namespace /custom{"a":1}.
        var packet = DecodeOne("""40/custom{"a":1}""");
        Assert.Equal("""/custom{"a":1}""", packet.Namespace);
        Assert.Null(packet.Data);
    }

    [Theory]
    [InlineData("41", "/")]
    [InlineData("41/custom", "/custom")]
    [InlineData("41/custom,", "/custom")]
    public void Disconnect(string wire, string nsp)
    {
        var packet = DecodeOne(wire);
        Assert.Equal(SocketIoPacketType.Disconnect, packet.Type);
        Assert.Equal(nsp, packet.Namespace);
        Assert.Null(packet.Data);
    }

    [Fact]
    public void Event_WithoutAckId()
    {
        var packet = DecodeOne("""42["message",1,"2",{"3":[true]}]""");
        Assert.Equal(SocketIoPacketType.Event, packet.Type);
        Assert.Equal("/", packet.Namespace);
        Assert.Null(packet.AckId);
        Assert.Equal("message", packet.EventName);
        Assert.Equal("""["message",1,"2",{"3":[true]}]""", packet.DataText());
    }

    [Fact]
    public void Event_WithAckId()
    {
        var packet = DecodeOne("""42456["message-with-ack",1,"2",{"3":[false]}]""");
        Assert.Equal(SocketIoPacketType.Event, packet.Type);
        Assert.Equal(456, packet.AckId);
        Assert.Equal("message-with-ack", packet.EventName);
    }

    [Fact]
    public void Event_OnCustomNamespace_WithAckId()
    {
        var packet = DecodeOne("""42/custom,7["auth",{"token":"abc"}]""");
        Assert.Equal("/custom", packet.Namespace);
        Assert.Equal(7, packet.AckId);
        Assert.Equal("auth", packet.EventName);
    }

    [Fact]
    public void Event_NumericName_IsValid()
    {
        var packet = DecodeOne("""42[1,"a"]""");
        Assert.Equal("1", packet.EventName);
    }

    [Fact]
    public void Event_EscapedName_IsUnescaped()
    {
        var packet = DecodeOne("""42["m\u00e9ssage"]""");
        Assert.Equal("méssage", packet.EventName);
    }

    [Fact]
    public void Event_SurrogatePairEscape_IsAccepted()
    {
        var packet = DecodeOne("""42["e","\ud83d\ude00"]""");
        Assert.Equal("😀", packet.Data!.Value[1].GetString());
    }

    [Fact]
    public void Event_WhitespaceAroundJson_IsAccepted()
    {
        // JSON.parse accepts it, so Node does.
        var packet = DecodeOne("42[ \"a\" , 1 ]\n");
        Assert.Equal("a", packet.EventName);
    }

    [Fact]
    public void Ack()
    {
        var packet = DecodeOne("""43456[1,"2",{"3":[false]}]""");
        Assert.Equal(SocketIoPacketType.Ack, packet.Type);
        Assert.Equal(456, packet.AckId);
        Assert.Null(packet.EventName);
        Assert.Equal("""[1,"2",{"3":[false]}]""", packet.DataText());
    }

    [Fact]
    public void Ack_EmptyArray()
    {
        var packet = DecodeOne("4312[]");
        Assert.Equal(12, packet.AckId);
        Assert.Equal(0, packet.Data!.Value.GetArrayLength());
    }

    [Fact]
    public void Ack_LargestId()
    {
        var packet = DecodeOne("439007199254740991[]");
        Assert.Equal(SocketIoPacket.MaxAckId, packet.AckId);
    }

    [Theory]
    [InlineData("""44/random,{"message":"Invalid namespace"}""", "/random", JsonValueKind.Object)]
    [InlineData("""44"not allowed" """, "/", JsonValueKind.String)]
    public void ConnectError(string wire, string nsp, JsonValueKind kind)
    {
        var packet = DecodeOne(wire.TrimEnd());
        Assert.Equal(SocketIoPacketType.ConnectError, packet.Type);
        Assert.Equal(nsp, packet.Namespace);
        Assert.Equal(kind, packet.Data!.Value.ValueKind);
    }

    [Fact]
    public void BinaryEvent_WaitsForItsAttachments_ThenCompletesInOrder()
    {
        var decoder = new SocketIoPacketDecoder();
        var status = decoder.DecodeWire(
            """452-["message",{"_placeholder":true,"num":0},{"_placeholder":true,"num":1}]""", out var packet, out var error);
        Assert.Equal(SocketIoDecodeStatus.AwaitingAttachments, status);
        Assert.Null(packet);
        Assert.Null(error);
        Assert.True(decoder.IsAwaitingAttachments);

        byte[] first = [1, 2, 3];
        status = decoder.DecodeBinary(first, out packet, out error);
        Assert.Equal(SocketIoDecodeStatus.AwaitingAttachments, status);
        Assert.Null(packet);
        first[0] = 99; // the decoder must have copied the bytes

        status = decoder.DecodeBinary(new byte[] { 4, 5, 6 }, out packet, out error);
        Assert.Equal(SocketIoDecodeStatus.Packet, status);
        Assert.Null(error);
        Assert.False(decoder.IsAwaitingAttachments);
        Assert.NotNull(packet);
        Assert.Equal(SocketIoPacketType.BinaryEvent, packet.Type);
        Assert.True(packet.IsBinary);
        Assert.Equal("message", packet.EventName);
        Assert.Null(packet.AckId);
        Assert.Equal(2, packet.Attachments.Count);
        Assert.Equal(new byte[] { 1, 2, 3 }, packet.Attachments[0]);
        Assert.Equal(new byte[] { 4, 5, 6 }, packet.Attachments[1]);
        Assert.Equal("""["message",{"_placeholder":true,"num":0},{"_placeholder":true,"num":1}]""", packet.DataText());
    }

    [Fact]
    public void BinaryEvent_WithAckId_AndNamespace()
    {
        var decoder = new SocketIoPacketDecoder();
        Assert.Equal(
            SocketIoDecodeStatus.AwaitingAttachments,
            decoder.DecodeWire("""451-/custom,789["upload",{"_placeholder":true,"num":0}]""", out _, out _));
        Assert.Equal(SocketIoDecodeStatus.Packet, decoder.DecodeBinary([7], out var packet, out _));
        Assert.Equal("/custom", packet!.Namespace);
        Assert.Equal(789, packet.AckId);
        Assert.Equal(new byte[] { 7 }, packet.Attachments[0]);
    }

    [Fact]
    public void BinaryAck()
    {
        var decoder = new SocketIoPacketDecoder();
        Assert.Equal(
            SocketIoDecodeStatus.AwaitingAttachments,
            decoder.DecodeWire("""462-789[{"_placeholder":true,"num":0},{"_placeholder":true,"num":1}]""", out _, out _));
        Assert.Equal(SocketIoDecodeStatus.AwaitingAttachments, decoder.DecodeBinary([1, 2, 3], out _, out _));
        Assert.Equal(SocketIoDecodeStatus.Packet, decoder.DecodeBinary([4, 5, 6], out var packet, out _));
        Assert.Equal(SocketIoPacketType.BinaryAck, packet!.Type);
        Assert.Equal(789, packet.AckId);
        Assert.Equal(2, packet.Attachments.Count);
        Assert.Null(packet.EventName);
    }

    [Fact]
    public void BinaryEvent_EmptyAttachment_IsAccepted()
    {
        var decoder = new SocketIoPacketDecoder();
        decoder.DecodeWire("""451-["e",{"_placeholder":true,"num":0}]""", out _, out _);
        Assert.Equal(SocketIoDecodeStatus.Packet, decoder.DecodeBinary([], out var packet, out _));
        Assert.Empty(packet!.Attachments[0]);
    }

    [Fact]
    public void Decoder_IsReusable_AfterABinaryPacket()
    {
        var decoder = new SocketIoPacketDecoder();
        decoder.DecodeWire("""451-["e",{"_placeholder":true,"num":0}]""", out _, out _);
        decoder.DecodeBinary([1], out _, out _);
        Assert.Equal(SocketIoDecodeStatus.Packet, decoder.DecodeWire("""42["next"]""", out var packet, out _));
        Assert.Equal("next", packet!.EventName);
    }

    [Fact]
    public void Decoder_IsReusable_AfterAnError()
    {
        var decoder = new SocketIoPacketDecoder();
        decoder.DecodeWire("""452-["e",{"_placeholder":true,"num":0}]""", out _, out _);
        Assert.Equal(SocketIoDecodeStatus.Error, decoder.DecodeWire("""42["oops"]""", out _, out _));
        Assert.False(decoder.IsAwaitingAttachments);
        Assert.Equal(SocketIoDecodeStatus.Packet, decoder.DecodeWire("""42["next"]""", out var packet, out _));
        Assert.Equal("next", packet!.EventName);
    }

    [Fact]
    public void PlaceholderLikeObject_NotTrue_IsPlainData()
    {
        var packet = DecodeOne("""42["e",{"_placeholder":false,"num":5}]""");
        Assert.Equal("e", packet.EventName);
    }

    [Fact]
    public void Data_OutlivesTheInputBuffer()
    {
        var decoder = new SocketIoPacketDecoder();
        var input = System.Text.Encoding.UTF8.GetBytes("""2["e",{"k":"v"}]""");
        decoder.DecodeText(input, out var packet, out _);
        Array.Fill(input, (byte)'x');
        Assert.Equal("""["e",{"k":"v"}]""", packet!.DataText());
    }

    [Fact]
    public void Namespace_IsReusedAcrossPackets()
    {
        var decoder = new SocketIoPacketDecoder();
        decoder.DecodeWire("""42/chat,["a"]""", out var first, out _);
        decoder.DecodeWire("""42/chat,["b"]""", out var second, out _);
        Assert.Same(first!.Namespace, second!.Namespace);
        decoder.DecodeWire("""42/other,["c"]""", out var third, out _);
        Assert.Equal("/other", third!.Namespace);
    }

    [Fact]
    public void Namespace_NonAscii_IsAccepted()
    {
        Assert.Equal("/café", DecodeOne("40/café,").Namespace);
    }

    [Fact]
    public void Options_AreValidated()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new SocketIoPacketDecoder(new SocketIoDecoderOptions { MaxAttachments = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SocketIoPacketDecoder(new SocketIoDecoderOptions { MaxAttachments = 10_001 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SocketIoPacketDecoder(new SocketIoDecoderOptions { MaxDepth = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SocketIoPacketDecoder(new SocketIoDecoderOptions { MaxDepth = 1001 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SocketIoPacketDecoder(new SocketIoDecoderOptions { MaxNamespaceLength = 0 }));
    }

    [Fact]
    public void Options_RaiseTheLimits()
    {
        var options = new SocketIoDecoderOptions { MaxAttachments = 20, MaxDepth = 100, MaxNamespaceLength = 1000 };
        var decoder = new SocketIoPacketDecoder(options);
        Assert.Equal(SocketIoDecodeStatus.AwaitingAttachments, decoder.DecodeWire("""4520-["e",{"_placeholder":true,"num":19}]""", out _, out _));

        var deep = "42[\"e\"," + new string('[', 90) + new string(']', 90) + "]";
        Assert.Equal("e", DecodeOne(deep, options).EventName);
        Assert.Equal(1000, DecodeOne("40/" + new string('n', 999) + ",", options).Namespace.Length);
    }
}
