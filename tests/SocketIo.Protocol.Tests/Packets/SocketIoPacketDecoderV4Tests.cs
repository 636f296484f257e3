using SocketIo.Protocol.Packets;
using static SocketIo.Protocol.Tests.Packets.PacketTestHelpers;

namespace SocketIo.Protocol.Tests.Packets;

/// <summary>
/// Protocol v4 (the 2.x clients) read by the same decoder: the namespace query as auth, and ERROR payloads of any kind.
/// Everything else decodes as in v5.
/// </summary>
public sealed class SocketIoPacketDecoderV4Tests
{
    private static readonly SocketIoDecoderOptions s_v4 = new() { ProtocolVersion = SocketIoProtocolVersion.V4 };

    private static SocketIoPacket DecodeV4(string wire) => DecodeOne(wire, s_v4);

    private static string? RefusalV4(string wire)
    {
        var status = new SocketIoPacketDecoder(s_v4).DecodeWire(wire, out var packet, out var error);
        Assert.Equal(SocketIoDecodeStatus.Error, status);
        Assert.Null(packet);
        return error;
    }

    [Fact]
    public void Connect_QueryBecomesTheAuthObject()
    {
        var packet = DecodeV4("40/nsp?token=abc,");
        Assert.Equal(SocketIoPacketType.Connect, packet.Type);
        Assert.Equal("/nsp", packet.Namespace);
        Assert.Equal("""{"token":"abc"}""", packet.DataText());
    }

    [Theory]
    [InlineData("40/admin,")]
    [InlineData("40/admin")]
    [InlineData("40/admin?,")]
    [InlineData("40")]
    public void Connect_WithoutQuery_AuthIsAnEmptyObject(string wire)
    {
        Assert.Equal("{}", DecodeV4(wire).DataText());
    }

    [Fact]
    public void Connect_AJsonPayloadIsCheckedThenIgnored()
    {
        Assert.Equal("""{"x":"1"}""", DecodeV4("""40/nsp?x=1,{"token":"t"}""").DataText());
        Assert.Equal("CONNECT payload must be an object", RefusalV4("""40/nsp?x=1,"t" """.TrimEnd()));
    }

    [Theory]
    [InlineData("/nsp?a=b+c&d=%20e%2B", """{"a":"b c","d":" e+"}""")]
    [InlineData("/nsp?q=%E2%82%AC&r=é&s=%F0%9F%98%80", """{"q":"€","r":"é","s":"😀"}""")]
    [InlineData("/nsp?a%20b=1", """{"a b":"1"}""")]
    [InlineData("/nsp?b=1&a=2&b=3", """{"b":"3","a":"2"}""")] // the last value wins, in the first one's place
    [InlineData("/nsp?b=1&2=x&1=y&0=z", """{"0":"z","1":"y","2":"x","b":"1"}""")] // array indexes first, as in a JavaScript object
    [InlineData("/nsp?4294967295=a&4294967294=b&01=c", """{"4294967294":"b","4294967295":"a","01":"c"}""")]
    [InlineData("/nsp?x&=&&y=", """{"x":"","":"","y":""}""")]
    [InlineData("/nsp?__proto__=1", """{"__proto__":"1"}""")]
    [InlineData("/nsp?bad=%ZZ%C3", "{\"bad\":\"%ZZ\uFFFD\"}")]
    [InlineData("/nsp?q=\"quoted\"", """{"q":"\"quoted\""}""")]
    public void Connect_QueryIsReadAsUrlSearchParams(string nsp, string auth)
    {
        var packet = DecodeV4("40" + nsp + ",");
        Assert.Equal("/nsp", packet.Namespace);
        Assert.Equal(auth, packet.DataText());
    }

    [Theory]
    [InlineData("40/nsp?x=1#frag,", "/nsp", """{"x":"1"}""")]
    [InlineData("40/nsp#frag?x=1,", "/nsp", "{}")]
    [InlineData("40/nsp?x=1  ,", "/nsp", """{"x":"1"}""")] // trailing spaces go, as the URL parser trims them
    [InlineData("40/?x=1,", "/", """{"x":"1"}""")]
    [InlineData("40/a b?x=1,", "/a b", """{"x":"1"}""")] // kept as written; Node would make it /a%20b
    public void Connect_NamespaceIsThePathOfTheUrl(string wire, string nsp, string auth)
    {
        var packet = DecodeV4(wire);
        Assert.Equal(nsp, packet.Namespace);
        Assert.Equal(auth, packet.DataText());
    }

    [Fact]
    public void OtherPackets_AQueryIsSplitOffTheNamespaceToo()
    {
        var packet = DecodeV4("""42/nsp?x=1,7["a"]""");
        Assert.Equal(SocketIoPacketType.Event, packet.Type);
        Assert.Equal("/nsp", packet.Namespace);
        Assert.Equal(7, packet.AckId);
        Assert.Equal("""["a"]""", packet.DataText());
    }

    [Theory]
    [InlineData("""42["message",1,"2",{"3":[true]}]""", """["message",1,"2",{"3":[true]}]""")]
    [InlineData("""43/admin,5[1]""", "[1]")]
    [InlineData("41/admin,", null)]
    public void OtherPackets_DecodeAsInV5(string wire, string? data)
    {
        var v4 = DecodeV4(wire);
        var v5 = DecodeOne(wire);
        Assert.Equal((v5.Type, v5.Namespace, v5.AckId, data), (v4.Type, v4.Namespace, v4.AckId, v4.DataText()));
    }

    [Fact]
    public void BinaryEvent_ReassemblesAsInV5()
    {
        var decoder = new SocketIoPacketDecoder(s_v4);
        Assert.Equal(SocketIoDecodeStatus.AwaitingAttachments, decoder.DecodeWire("""451-/nsp,["bin",{"_placeholder":true,"num":0}]""", out _, out _));
        Assert.Equal(SocketIoDecodeStatus.Packet, decoder.DecodeBinary([1, 2, 3], out var packet, out _));
        Assert.Equal("/nsp", packet!.Namespace);
        Assert.Equal([1, 2, 3], packet.Attachments[0]);
    }

    [Theory]
    [InlineData("""44/admin,"Not authorized" """, "\"Not authorized\"")]
    [InlineData("""44{"message":"Invalid namespace"}""", """{"message":"Invalid namespace"}""")]
    [InlineData("""44/nsp,{"content":"retry"}""", """{"content":"retry"}""")]
    [InlineData("44/nsp,-1", "-1")] // a non-negative number would read as an ack id, in Node's parser too
    [InlineData("44/nsp,[1]", "[1]")]
    [InlineData("44/nsp,true", "true")]
    [InlineData("44/nsp,", null)]
    public void Error_CarriesAnyValueOrNone(string wire, string? data)
    {
        var packet = DecodeV4(wire.TrimEnd());
        Assert.Equal(SocketIoPacketType.ConnectError, packet.Type);
        Assert.Equal(data, packet.DataText());
    }

    [Theory]
    [InlineData("44/nsp,-1")]
    [InlineData("44/nsp,[1]")]
    [InlineData("44/nsp,")]
    public void Error_FormsOnlyV4Allows_AreStillRefusedInV5(string wire)
    {
        var status = new SocketIoPacketDecoder().DecodeWire(wire, out _, out var error);
        Assert.Equal(SocketIoDecodeStatus.Error, status);
        Assert.Equal("CONNECT_ERROR payload must be an object or a string", error);
    }

    [Fact]
    public void V5_KeepsTheQueryInTheNamespace()
    {
        var packet = DecodeOne("40/nsp?token=abc,");
        Assert.Equal("/nsp?token=abc", packet.Namespace);
        Assert.Null(packet.Data);
    }

    [Theory]
    [InlineData("42[\"connect\"]", "reserved event name")]
    [InlineData("40custom", "invalid JSON payload")]
    [InlineData("40/nsp?x=\u0001,", "namespace contains control characters")]
    public void Refusals_AreThoseOfV5(string wire, string expected)
    {
        var v5 = new SocketIoPacketDecoder().DecodeWire(wire, out _, out var v5Error);
        Assert.Equal(SocketIoDecodeStatus.Error, v5);
        Assert.Equal(expected, v5Error);
        Assert.Equal(expected, RefusalV4(wire));
    }

    [Theory]
    [InlineData(3)]
    [InlineData(6)]
    public void Options_OnlyVersions4And5(int version)
    {
        Assert.Throws<ArgumentOutOfRangeException>(
            () => new SocketIoPacketDecoder(new SocketIoDecoderOptions { ProtocolVersion = (SocketIoProtocolVersion)version }));
    }
}
