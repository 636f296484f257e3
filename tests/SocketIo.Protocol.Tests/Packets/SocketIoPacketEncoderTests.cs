using System.Buffers;
using System.Text;
using System.Text.Json;
using SocketIo.Protocol.Packets;
using static SocketIo.Protocol.Tests.Packets.PacketTestHelpers;

namespace SocketIo.Protocol.Tests.Packets;

/// <summary>Socket.IO v5 packets as the official socket.io-protocol suite expects them, encoded; and decode/encode round trips.</summary>
public sealed class SocketIoPacketEncoderTests
{
    private static JsonElement Json(string json) => JsonElement.Parse(json);

    [Fact]
    public void ConnectReply_OnMainNamespace()
    {
        var packet = new SocketIoPacket { Type = SocketIoPacketType.Connect, Data = Json("""{"sid":"abc"}""") };
        Assert.Equal("""40{"sid":"abc"}""", EncodeToString(packet));
    }

    [Fact]
    public void ConnectReply_OnCustomNamespace()
    {
        var packet = new SocketIoPacket { Type = SocketIoPacketType.Connect, Namespace = "/custom", Data = Json("""{"sid":"abc"}""") };
        Assert.Equal("""40/custom,{"sid":"abc"}""", EncodeToString(packet));
    }

    [Fact]
    public void Disconnect_WithoutPayload()
    {
        Assert.Equal("41", EncodeToString(new SocketIoPacket { Type = SocketIoPacketType.Disconnect }));
        Assert.Equal("41/custom,", EncodeToString(new SocketIoPacket { Type = SocketIoPacketType.Disconnect, Namespace = "/custom" }));
    }

    [Fact]
    public void ConnectError_InvalidNamespace()
    {
        var packet = new SocketIoPacket
        {
            Type = SocketIoPacketType.ConnectError,
            Namespace = "/random",
            Data = Json("""{"message":"Invalid namespace"}"""),
        };
        Assert.Equal("""44/random,{"message":"Invalid namespace"}""", EncodeToString(packet));
    }

    [Fact]
    public void Event_WithAndWithoutAckId()
    {
        var data = Json("""["message-back",1,"2",{"3":[true]}]""");
        Assert.Equal("""42["message-back",1,"2",{"3":[true]}]""", EncodeToString(new SocketIoPacket { Type = SocketIoPacketType.Event, Data = data }));
        Assert.Equal("""420["message-back",1,"2",{"3":[true]}]""", EncodeToString(new SocketIoPacket { Type = SocketIoPacketType.Event, AckId = 0, Data = data }));
        Assert.Equal(
            """42/custom,12["message-back",1,"2",{"3":[true]}]""",
            EncodeToString(new SocketIoPacket { Type = SocketIoPacketType.Event, Namespace = "/custom", AckId = 12, Data = data }));
    }

    [Fact]
    public void Ack()
    {
        var packet = new SocketIoPacket { Type = SocketIoPacketType.Ack, AckId = 456, Data = Json("""[1,"2",{"3":[false]}]""") };
        Assert.Equal("""43456[1,"2",{"3":[false]}]""", EncodeToString(packet));
    }

    [Fact]
    public void BinaryEvent_HeaderOnly_AttachmentsTravelSeparately()
    {
        var packet = new SocketIoPacket
        {
            Type = SocketIoPacketType.BinaryEvent,
            Data = Json("""["message-back",{"_placeholder":true,"num":0},{"_placeholder":true,"num":1}]"""),
            Attachments = [[1, 2, 3], [4, 5, 6]],
        };
        Assert.Equal("""452-["message-back",{"_placeholder":true,"num":0},{"_placeholder":true,"num":1}]""", EncodeToString(packet));
    }

    [Fact]
    public void BinaryAck_WritesCountThenId()
    {
        var packet = new SocketIoPacket
        {
            Type = SocketIoPacketType.BinaryAck,
            AckId = 789,
            Data = Json("""[{"_placeholder":true,"num":0},{"_placeholder":true,"num":1}]"""),
            Attachments = [[1, 2, 3], [4, 5, 6]],
        };
        Assert.Equal("""462-789[{"_placeholder":true,"num":0},{"_placeholder":true,"num":1}]""", EncodeToString(packet));
    }

    [Fact]
    public void BinaryPackets_OnNamespace()
    {
        var data = Json("""["bin",{"_placeholder":true,"num":0}]""");
        Assert.Equal(
            """451-/chat,["bin",{"_placeholder":true,"num":0}]""",
            EncodeToString(new SocketIoPacket { Type = SocketIoPacketType.BinaryEvent, Namespace = "/chat", Data = data, Attachments = [[1]] }));
        Assert.Equal(
            """461-/chat,7[{"_placeholder":true,"num":0}]""",
            EncodeToString(new SocketIoPacket
            {
                Type = SocketIoPacketType.BinaryAck,
                Namespace = "/chat",
                AckId = 7,
                Data = Json("""[{"_placeholder":true,"num":0}]"""),
                Attachments = [[1]],
            }));
    }

    [Fact]
    public void Data_IsWrittenCompactly()
    {
        var packet = new SocketIoPacket { Type = SocketIoPacketType.Event, Data = Json("[ \"a\" ,\n { \"b\" : [ 1 , 2 ] } ]") };
        Assert.Equal("""42["a",{"b":[1,2]}]""", EncodeToString(packet));
    }

    [Fact]
    public void Data_FromTheSerializer_UsesWebDefaultsAndTheRelaxedEncoder()
    {
        var data = JsonSerializer.SerializeToElement(new object[] { "chat", new { UserName = "<b>é</b>", Count = 2 } }, SocketIoJson.SerializerOptions);
        Assert.Equal("""42["chat",{"userName":"<b>é</b>","count":2}]""", EncodeToString(new SocketIoPacket { Type = SocketIoPacketType.Event, Data = data }));
    }

    [Fact]
    public void UndefinedData_IsLeftOut()
    {
        Assert.Equal("40", EncodeToString(new SocketIoPacket { Type = SocketIoPacketType.Connect, Data = default(JsonElement) }));
    }

    [Fact]
    public void Encode_ToABufferWriter_MatchesTheArray()
    {
        var packet = new SocketIoPacket { Type = SocketIoPacketType.Event, Namespace = "/x", AckId = 3, Data = Json("""["e"]""") };
        var output = new ArrayBufferWriter<byte>();
        SocketIoPacketEncoder.Encode(packet, output);
        Assert.Equal(SocketIoPacketEncoder.Encode(packet), output.WrittenSpan.ToArray());
    }

    [Theory]
    [InlineData(SocketIoPacketType.Connect, "/", 0, null, "40")]
    [InlineData(SocketIoPacketType.Event, "/", 0, 0L, "420")]
    [InlineData(SocketIoPacketType.Event, "/café", 0, 9007199254740991L, "42/café,9007199254740991")]
    [InlineData(SocketIoPacketType.BinaryEvent, "/", 10, null, "4510-")]
    [InlineData(SocketIoPacketType.BinaryAck, "/a", 2147483647, 5L, "462147483647-/a,5")]
    public void WriteHeader(SocketIoPacketType type, string nsp, int count, long? ackId, string expected)
    {
        var output = new ArrayBufferWriter<byte>();
        SocketIoPacketEncoder.WriteHeader(output, type, nsp, count, ackId);
        Assert.Equal(expected, Encoding.UTF8.GetString(output.WrittenSpan));
    }

    [Fact]
    public void WriteHeader_RefusesWhatCannotBeDecoded()
    {
        var output = new ArrayBufferWriter<byte>();
        Assert.Throws<ArgumentException>(() => SocketIoPacketEncoder.WriteHeader(output, SocketIoPacketType.Event, "chat", 0, null));
        Assert.Throws<ArgumentException>(() => SocketIoPacketEncoder.WriteHeader(output, SocketIoPacketType.Event, "", 0, null));
        Assert.Throws<ArgumentException>(() => SocketIoPacketEncoder.WriteHeader(output, SocketIoPacketType.Event, "/a,b", 0, null));
        Assert.Throws<ArgumentOutOfRangeException>(() => SocketIoPacketEncoder.WriteHeader(output, (SocketIoPacketType)7, "/", 0, null));
        Assert.Throws<ArgumentOutOfRangeException>(() => SocketIoPacketEncoder.WriteHeader(output, SocketIoPacketType.BinaryEvent, "/", 0, null));
        Assert.Throws<ArgumentOutOfRangeException>(() => SocketIoPacketEncoder.WriteHeader(output, SocketIoPacketType.Event, "/", 1, null));
        Assert.Throws<ArgumentOutOfRangeException>(() => SocketIoPacketEncoder.WriteHeader(output, SocketIoPacketType.Ack, "/", 0, -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => SocketIoPacketEncoder.WriteHeader(output, SocketIoPacketType.Ack, "/", 0, SocketIoPacket.MaxAckId + 1));
        Assert.Equal(0, output.WrittenCount);
    }

    [Fact]
    public void WritePlaceholder_KeyOrder()
    {
        var output = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(output, SocketIoJson.WriterOptions))
        {
            writer.WriteStartArray();
            SocketIoPacketEncoder.WritePlaceholder(writer, 0);
            SocketIoPacketEncoder.WritePlaceholder(writer, 12);
            writer.WriteEndArray();
        }

        Assert.Equal("""[{"_placeholder":true,"num":0},{"_placeholder":true,"num":12}]""", Encoding.UTF8.GetString(output.WrittenSpan));
    }

    [Theory]
    [InlineData("40")]
    [InlineData("""40{"token":"123"}""")]
    [InlineData("40/custom,")]
    [InlineData("""40/custom,{"token":"abc"}""")]
    [InlineData("41")]
    [InlineData("41/custom,")]
    [InlineData("""42["message",1,"2",{"3":[true]}]""")]
    [InlineData("""42456["message-with-ack",1,"2",{"3":[false]}]""")]
    [InlineData("""42/custom,["auth",{"token":"abc"}]""")]
    [InlineData("""42[1,"a"]""")]
    [InlineData("""43456[1,"2",{"3":[false]}]""")]
    [InlineData("""44/random,{"message":"Invalid namespace"}""")]
    [InlineData("""44"refused" """)]
    [InlineData("""42["e",1.50,-0,1e400,{"a":1,"a":2},"<>&'+é😀"]""")]
    [InlineData("""42["e","quote\" backslash\\ tab\t nl\n \u0001 \u001f"]""")]
    public void TextPackets_RoundTripExactly(string wire)
    {
        wire = wire.TrimEnd();
        Assert.Equal(wire, EncodeToString(DecodeOne(wire)));
    }

    [Theory]
    [InlineData("""42["m\u00e9","\u003c"]""", """42["mé","<"]""")]
    [InlineData("""42["e","\/","\ud83d\ude00"]""", """42["e","/","😀"]""")]
    [InlineData("""42["e","\u001F","\u007f"]""", "42[\"e\",\"\\u001f\",\"\u007f\"]")]
    [InlineData("""42[ "a" , { "b" : 1 } ]""", """42["a",{"b":1}]""")]
    [InlineData("""40/custom""", """40/custom,""")]
    public void TextPackets_ReEncodeLikeJsonStringify(string wire, string expected)
    {
        // Node answers with JSON.stringify(JSON.parse(input)): escapes that JSON does not require are dropped.
        Assert.Equal(expected, EncodeToString(DecodeOne(wire)));
    }

    [Theory]
    [InlineData("""452-["message",{"_placeholder":true,"num":0},{"_placeholder":true,"num":1}]""")]
    [InlineData("""452-789["message-with-ack",{"_placeholder":true,"num":0},{"_placeholder":true,"num":1}]""")]
    [InlineData("""462-789[{"_placeholder":true,"num":0},{"_placeholder":true,"num":1}]""")]
    [InlineData("""452-/custom,3["m",{"x":[{"_placeholder":true,"num":1}]},{"_placeholder":true,"num":0}]""")]
    public void BinaryPackets_RoundTrip_WithAttachmentsInOrder(string wire)
    {
        var decoder = new SocketIoPacketDecoder();
        Assert.Equal(SocketIoDecodeStatus.AwaitingAttachments, decoder.DecodeWire(wire, out _, out _));
        Assert.Equal(SocketIoDecodeStatus.AwaitingAttachments, decoder.DecodeBinary([1, 2, 3], out _, out _));
        Assert.Equal(SocketIoDecodeStatus.Packet, decoder.DecodeBinary([4, 5, 6], out var packet, out _));

        Assert.Equal(wire, EncodeToString(packet!));
        Assert.Equal([[1, 2, 3], [4, 5, 6]], packet!.Attachments);
    }

    [Fact]
    public void EchoReply_AsTheTestAppBuildsIt()
    {
        // As the protocol suite's test app does: the server re-emits the arguments under another name, or acks with the arguments only.
        var request = DecodeOne("""42456["message-with-ack",1,"2",{"3":[false]}]""");
        var args = request.Data!.Value.EnumerateArray().Skip(1).ToArray();
        var output = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(output, SocketIoJson.WriterOptions))
        {
            writer.WriteStartArray();
            foreach (var arg in args)
            {
                arg.WriteTo(writer);
            }

            writer.WriteEndArray();
        }

        var reply = new SocketIoPacket { Type = SocketIoPacketType.Ack, AckId = request.AckId, Data = JsonElement.Parse(output.WrittenSpan) };
        Assert.Equal("""43456[1,"2",{"3":[false]}]""", EncodeToString(reply));
    }
}
