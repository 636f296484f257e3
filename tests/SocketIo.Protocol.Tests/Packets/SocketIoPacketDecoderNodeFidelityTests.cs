using System.Text;
using System.Text.Json;
using SocketIo.Protocol.Packets;
using static SocketIo.Protocol.Tests.Packets.PacketTestHelpers;

namespace SocketIo.Protocol.Tests.Packets;

/// <summary>
/// Packets the Node reference server (socket.io 4.8) tolerates, decoded as it treats them: dropped
/// (<see cref="SocketIoDecodeStatus.Ignored"/>) or delivered. Node's behaviour for each was recorded with
/// tests/interop/reference/malformed-packets.mjs; docs/protocol-fidelity.md has the table.
/// </summary>
public sealed class SocketIoPacketDecoderNodeFidelityTests
{
    [Theory]
    [InlineData("42", SocketIoPacketType.Event, "/", null, "EVENT without payload")]
    [InlineData("421", SocketIoPacketType.Event, "/", 1L, "EVENT without payload")]
    [InlineData("42/custom,", SocketIoPacketType.Event, "/custom", null, "EVENT without payload")]
    [InlineData("42/custom,7", SocketIoPacketType.Event, "/custom", 7L, "EVENT without payload")]
    [InlineData("""43["late"]""", SocketIoPacketType.Ack, "/", null, "ACK without an ack id")]
    [InlineData("43", SocketIoPacketType.Ack, "/", null, "ACK without an ack id")]
    [InlineData("""43/custom,[1,{"a":2}]""", SocketIoPacketType.Ack, "/custom", null, "ACK without an ack id")]
    public void Ignored_TextPackets_NodeDrops(string wire, SocketIoPacketType type, string nsp, long? ackId, string reason)
    {
        var decoder = new SocketIoPacketDecoder();
        Assert.Equal(SocketIoDecodeStatus.Ignored, decoder.DecodeWire(wire, out var packet, out var error));
        Assert.Equal(reason, error);
        Assert.NotNull(packet);
        Assert.Equal(type, packet.Type);
        Assert.Equal(nsp, packet.Namespace);
        Assert.Equal(ackId, packet.AckId);
        Assert.False(decoder.IsAwaitingAttachments);

        // Nothing is held back: the next packet decodes as usual.
        Assert.Equal(SocketIoDecodeStatus.Packet, decoder.DecodeWire("""42["next"]""", out packet, out _));
        Assert.Equal("next", packet!.EventName);
    }

    [Theory]
    [InlineData("451-", "EVENT without payload")]
    [InlineData("452-/custom,3", "EVENT without payload")]
    [InlineData("""461-[{"_placeholder":true,"num":0}]""", "ACK without an ack id")]
    [InlineData("""462-/custom,[{"_placeholder":true,"num":1}]""", "ACK without an ack id")]
    public void Ignored_BinaryPackets_OnceTheirAttachmentsAreIn(string wire, string reason)
    {
        // Node waits for the attachments before it drops the packet; they must not count as stray binaries.
        var decoder = new SocketIoPacketDecoder();
        var status = decoder.DecodeWire(wire, out var packet, out var error);
        var count = wire[2] - '0';
        for (var i = 0; i < count; i++)
        {
            Assert.Equal(SocketIoDecodeStatus.AwaitingAttachments, status);
            Assert.Null(packet);
            status = decoder.DecodeBinary([(byte)i], out packet, out error);
        }

        Assert.Equal(SocketIoDecodeStatus.Ignored, status);
        Assert.Equal(reason, error);
        Assert.NotNull(packet);
        Assert.Equal(count, packet.Attachments.Count);
        Assert.False(decoder.IsAwaitingAttachments);
        Assert.Equal(SocketIoDecodeStatus.Error, decoder.DecodeBinary([9], out _, out error));
        Assert.Equal("binary message with no attachment pending", error);
    }

    [Fact]
    public void Ignored_BinaryPacket_TextBeforeItsAttachments_IsAnError()
    {
        // As in Node: "got plaintext data when reconstructing a packet" closes the connection.
        var decoder = new SocketIoPacketDecoder();
        Assert.Equal(SocketIoDecodeStatus.AwaitingAttachments, decoder.DecodeWire("451-", out _, out _));
        Assert.Equal(SocketIoDecodeStatus.Error, decoder.DecodeWire("""42["e"]""", out _, out var error));
        Assert.Equal("text packet while binary attachments are pending", error);

        // The reset forgets the pending drop too: a complete binary packet afterwards is delivered.
        decoder.DecodeWire("""451-["e",{"_placeholder":true,"num":0}]""", out _, out _);
        Assert.Equal(SocketIoDecodeStatus.Packet, decoder.DecodeBinary([1], out var packet, out _));
        Assert.Equal("e", packet!.EventName);
    }

    [Theory]
    [InlineData("430", 0L)]
    [InlineData("43/custom,12", 12L)]
    public void Ack_WithoutPayload_IsAnAnswerWithNoArguments(string wire, long ackId)
    {
        // Node calls the acknowledgement with no arguments.
        var packet = DecodeOne(wire);
        Assert.Equal(SocketIoPacketType.Ack, packet.Type);
        Assert.Equal(ackId, packet.AckId);
        Assert.Null(packet.Data);
        Assert.Equal(wire, EncodeToString(packet));
    }

    [Fact]
    public void BinaryAck_WithoutPayload_IsAnAnswerWithNoArguments()
    {
        var decoder = new SocketIoPacketDecoder();
        Assert.Equal(SocketIoDecodeStatus.AwaitingAttachments, decoder.DecodeWire("461-5", out _, out _));
        Assert.Equal(SocketIoDecodeStatus.Packet, decoder.DecodeBinary([1, 2], out var packet, out _));
        Assert.Equal(SocketIoPacketType.BinaryAck, packet!.Type);
        Assert.Equal(5, packet.AckId);
        Assert.Null(packet.Data);
        Assert.Equal([1, 2], packet.Attachments[0]);
    }

    [Theory]
    // A placeholder in a text packet is plain data in Node: nothing replaces it.
    [InlineData("""42["e",{"_placeholder":true,"num":0}]""", 0)]
    [InlineData("""4312[{"_placeholder":true,"num":0}]""", 0)]
    // num is a number with a whole value, however it is written (JavaScript has one number type).
    [InlineData("""452-["e",{"_placeholder":true,"num":1.0}]""", 2)]
    [InlineData("""452-["e",{"_placeholder":true,"num":1e0}]""", 2)]
    [InlineData("""452-["e",{"_placeholder":true,"num":10E-1}]""", 2)]
    [InlineData("""451-["e",{"_placeholder":true,"num":-0}]""", 1)]
    [InlineData("""451-["e",{"_placeholder":true,"num":-1e-400}]""", 1)]
    // Other keys do not matter; a _placeholder that is not true makes a plain object; unused attachments are fine.
    [InlineData("""451-["e",{"_placeholder":true,"num":0,"extra":[1]}]""", 1)]
    [InlineData("""451-["e",{"_placeholder":"yes","num":9}]""", 1)]
    [InlineData("""451-["e",{"_placeholder":true,"num":5,"_placeholder":false}]""", 1)]
    [InlineData("""452-["e",{"_placeholder":true,"num":0}]""", 2)]
    [InlineData("""451-["e",{"\ud800":true,"_placeholder":true,"num":0}]""", 1)]
    public void Placeholders_NodeAccepts(string wire, int attachments)
    {
        var decoder = new SocketIoPacketDecoder();
        var status = decoder.DecodeWire(wire, out var packet, out var error);
        for (var i = 0; i < attachments; i++)
        {
            Assert.Equal(SocketIoDecodeStatus.AwaitingAttachments, status);
            status = decoder.DecodeBinary([(byte)i], out packet, out error);
        }

        Assert.True(status == SocketIoDecodeStatus.Packet, $"{status} {error}");
        Assert.Equal(wire[wire.IndexOf('[')..], packet!.DataText());
    }

    [Theory]
    [InlineData("""{"_placeholder":true,"num":0}""", true, 0)]
    [InlineData("""{"num":3,"_placeholder":true}""", true, 3)]
    [InlineData("""{"_placeholder":true,"num":2.0}""", true, 2)]
    [InlineData("""{"_placeholder":true,"num":-0.0}""", true, 0)]
    [InlineData("""{"_placeholder":true,"num":0.5}""", true, -1)]
    [InlineData("""{"_placeholder":true,"num":-1}""", true, -1)]
    [InlineData("""{"_placeholder":true,"num":"0"}""", true, -1)]
    [InlineData("""{"_placeholder":true,"num":3e9}""", true, -1)]
    [InlineData("""{"_placeholder":true}""", true, -1)]
    [InlineData("""{"\u005fplaceholder":true,"n\u0075m":4}""", true, 4)]
    [InlineData("""{"\udc00":0,"_placeholder":true,"num":1}""", true, 1)]
    [InlineData("""{"_placeholder":1,"num":0}""", false, -1)]
    [InlineData("""{"_placeholder":true,"_placeholder":null,"num":0}""", false, -1)]
    [InlineData("""{"\ud800":true}""", false, -1)]
    [InlineData("""[{"_placeholder":true,"num":0}]""", false, -1)]
    [InlineData("0", false, -1)]
    public void AttachmentPlaceholder_FollowsNodeRule(string json, bool isPlaceholder, int num)
    {
        using var document = JsonDocument.Parse(json);
        Assert.Equal(isPlaceholder, AttachmentPlaceholder.TryGetIndex(document.RootElement, out var index));
        Assert.Equal(num, index);
    }

    [Theory]
    [InlineData("""42["e","\ud800"]""", """42["e","\ud800"]""")]
    [InlineData("""42["e","\uD800"]""", """42["e","\ud800"]""")]
    [InlineData("""42["\udc00x"]""", """42["\udc00x"]""")]
    [InlineData("""42["e","\ud83d\u0041"]""", """42["e","\ud83dA"]""")]
    [InlineData("""42["e",{"\ud800":1}]""", """42["e",{"\ud800":1}]""")]
    [InlineData("""42["e",{"k":["\ude00\ud83d",{"\ud83d\ude00":"\udbff"}]}]""", """42["e",{"k":["\ude00\ud83d",{"😀":"\udbff"}]}]""")]
    [InlineData("""40{"token":"\ud800"}""", """40{"token":"\ud800"}""")]
    [InlineData("""44{"message":"\udfff"}""", """44{"message":"\udfff"}""")]
    [InlineData("44 \"\\udfff\" ", "44\"\\udfff\"")]
    [InlineData("""451-["\ud800",{"_placeholder":true,"num":0}]""", """451-["\ud800",{"_placeholder":true,"num":0}]""")]
    public void LoneSurrogateEscapes_AreAccepted_AndEchoedAsJsonStringifyWritesThem(string wire, string echoed)
    {
        // JSON.parse accepts "\ud800" and JSON.stringify writes it back in lowercase; the Node reference echoes
        // 42["e","\uD800"] as 42["e","\ud800"].
        var decoder = new SocketIoPacketDecoder();
        var status = decoder.DecodeWire(wire, out var packet, out var error);
        if (status == SocketIoDecodeStatus.AwaitingAttachments)
        {
            status = decoder.DecodeBinary([1], out packet, out error);
        }

        Assert.True(status == SocketIoDecodeStatus.Packet, $"{status} {error}");
        Assert.Equal(echoed, EncodeToString(packet!));
    }

    [Fact]
    public void LoneSurrogateEscapes_ReadAsJavaScriptReadsThem()
    {
        var packet = DecodeOne("""42["\ud800",{"name":"a\uDC00b","tags":["x\ud83d"]},"\ude00"]""");
        Assert.Equal("\ud800", packet.EventName);

        // Binding to .NET strings through the protocol's serializer options: values, in classes and collections too.
        var options = SocketIoJson.SerializerOptions;
        var data = packet.Data!.Value;
        Assert.Equal("\ude00", data[2].Deserialize<string>(options));
        var thing = data[1].Deserialize<NamedThing>(options)!;
        Assert.Equal("a\udc00b", thing.Name);
        Assert.Equal(new[] { "x\ud83d" }, thing.Tags);
        Assert.Equal(new[] { "x\ud83d" }, data[1].Deserialize<Dictionary<string, JsonElement>>(options)!["tags"].Deserialize<List<string>>(options));

        // And back out: the serializer writes them as JSON.stringify does.
        Assert.Equal("""{"name":"a\udc00b","tags":["x\ud83d"]}""", JsonSerializer.Serialize(thing, options));
        Assert.Equal("""{"\udc00":1}""", JsonSerializer.Serialize(new Dictionary<string, int> { ["\udc00"] = 1 }, options));
    }

    [Fact]
    public void LoneSurrogateEscapes_InKeys_CannotBeBoundToDictionaries_AndSaySo()
    {
        // System.Text.Json reads keys before any converter: the binding fails as any other mismatch does, with a
        // JsonException, and the element itself still reads and writes.
        var packet = DecodeOne("""42["e",{"\ud800":1}]""");
        var argument = packet.Data!.Value[1];
        Assert.Throws<JsonException>(() => argument.Deserialize<Dictionary<string, int>>(SocketIoJson.SerializerOptions));
        Assert.Equal("\ud800", JsonStrings.GetName(argument.EnumerateObject().Single()));
        Assert.Equal("""42["e",{"\ud800":1}]""", EncodeToString(packet));
    }

    [Theory]
    // What Node's server names the event for each number (recorded with node: String(JSON.parse(text))).
    [InlineData("1", "1")]
    [InlineData("1.0", "1")]
    [InlineData("-0", "0")]
    [InlineData("0.0", "0")]
    [InlineData("1e3", "1000")]
    [InlineData("100", "100")]
    [InlineData("1.10", "1.1")]
    [InlineData("0.1", "0.1")]
    [InlineData("4.35", "4.35")]
    [InlineData("12.34e1", "123.4")]
    [InlineData("1e20", "100000000000000000000")]
    [InlineData("1e21", "1e+21")]
    [InlineData("1E+21", "1e+21")]
    [InlineData("123456789012345678901234567890", "1.2345678901234568e+29")]
    [InlineData("9007199254740993", "9007199254740992")]
    [InlineData("0.000001", "0.000001")]
    [InlineData("0.0000001", "1e-7")]
    [InlineData("1.5e-7", "1.5e-7")]
    [InlineData("-2.5e-7", "-2.5e-7")]
    [InlineData("123e-20", "1.23e-18")]
    [InlineData("1e308", "1e+308")]
    [InlineData("-1.5E+300", "-1.5e+300")]
    [InlineData("1.7976931348623157e308", "1.7976931348623157e+308")]
    [InlineData("5e-324", "5e-324")]
    [InlineData("1e400", "Infinity")]
    [InlineData("-1e400", "-Infinity")]
    public void EventName_OfANumber_IsWhatJavaScriptMakesOfIt(string number, string name)
    {
        var packet = DecodeOne("42[" + number + ",\"arg\"]");
        Assert.Equal(name, packet.EventName);
        Assert.Equal("42[" + number + ",\"arg\"]", EncodeToString(packet));
    }

    [Fact]
    public void LoneSurrogateEscapes_DoNotHideReservedNames()
    {
        // Longer than any reserved name, so System.Text.Json's ValueEquals would have had to unescape it (and thrown).
        var packet = DecodeOne("""42["disconnecting\ud800"]""");
        Assert.Equal("disconnecting\ud800", packet.EventName);

        var decoder = new SocketIoPacketDecoder();
        Assert.Equal(SocketIoDecodeStatus.Error, decoder.DecodeText(Encoding.UTF8.GetBytes("""2["disconn\u0065cting"]"""), out _, out var error));
        Assert.Equal("reserved event name", error);
    }

    private sealed class NamedThing
    {
        public string? Name { get; set; }

        public string[]? Tags { get; set; }
    }
}
