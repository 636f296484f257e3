using MessagePack;
using SocketIo.Protocol.Packets;
using SocketIo.Protocol.Tests.Msgpack;
using static SocketIo.Protocol.Tests.Parsers.MsgpackPackets;

namespace SocketIo.Protocol.Tests.Parsers;

/// <summary>
/// The MessagePack parser's decoder on what socket.io-client sends with it: every packet type, namespaces, ack ids,
/// nested data, binary at any depth; and the fields as the package's decoder reads them (extra keys, duplicates,
/// notepack's <c>undefined</c>).
/// </summary>
public sealed class MsgpackPacketDecoderTests
{
    private static readonly byte[] s_bin1 = [1, 2, 3];
    private static readonly byte[] s_bin2 = [];
    private static readonly byte[] s_bin3 = [0xff];

    [Fact]
    public void Connect_WithoutAuth_AndWithAuth()
    {
        var bare = DecodeOne(Packet(0));
        Assert.Equal(SocketIoPacketType.Connect, bare.Type);
        Assert.Equal("/", bare.Namespace);
        Assert.Null(bare.Data);
        Assert.Null(bare.AckId);
        Assert.Empty(bare.Attachments);

        var withAuth = DecodeOne(Packet(0, "/admin", json: """{"token":"abc","n":[1,2.5,null,true]}"""));
        Assert.Equal(SocketIoPacketType.Connect, withAuth.Type);
        Assert.Equal("/admin", withAuth.Namespace);
        Assert.Equal("""{"token":"abc","n":[1,2.5,null,true]}""", withAuth.DataText());
    }

    [Fact]
    public void Connect_BinaryInTheAuth_IsWhatJsonStringifyMakesOfABuffer()
    {
        var packet = DecodeOne(Packet(0, "/custom", json: """{"key":{"_placeholder":true,"num":0}}""", attachments: [[9, 10]]));

        Assert.Equal(SocketIoPacketType.Connect, packet.Type);
        Assert.Equal("""{"key":{"type":"Buffer","data":[9,10]}}""", packet.DataText());
        Assert.Empty(packet.Attachments);
    }

    [Fact]
    public void Disconnect()
    {
        var packet = DecodeOne(Packet(1, "/chat"));
        Assert.Equal(SocketIoPacketType.Disconnect, packet.Type);
        Assert.Equal("/chat", packet.Namespace);
        Assert.Null(packet.Data);
    }

    [Fact]
    public void Event_WithAndWithoutAckId()
    {
        var plain = DecodeOne(Packet(2, json: """["message",1,"2",{"3":[false]}]"""));
        Assert.Equal(SocketIoPacketType.Event, plain.Type);
        Assert.Equal("message", plain.EventName);
        Assert.Equal("""["message",1,"2",{"3":[false]}]""", plain.DataText());
        Assert.Null(plain.AckId);

        var asking = DecodeOne(Packet(2, "/custom", 456, """["message-with-ack",1]"""));
        Assert.Equal(456, asking.AckId);
        Assert.Equal("/custom", asking.Namespace);
    }

    [Fact]
    public void Event_NamedByANumber_IsNamedAsJavaScriptPrintsIt()
    {
        Assert.Equal("1.5", DecodeOne(Packet(2, json: """[1.5,"x"]""")).EventName);
        Assert.Equal("7", DecodeOne(Packet(2, json: "[7]")).EventName);
    }

    [Fact]
    public void Ack_WithArgumentsOrNone()
    {
        var packet = DecodeOne(Packet(3, id: 12, json: """[1,"2",{"3":[true]}]"""));
        Assert.Equal(SocketIoPacketType.Ack, packet.Type);
        Assert.Equal(12, packet.AckId);
        Assert.Equal("""[1,"2",{"3":[true]}]""", packet.DataText());

        var empty = DecodeOne(Packet(3, id: 13, json: "[]"));
        Assert.Equal("[]", empty.DataText());
    }

    [Theory]
    [InlineData("""{"message":"refused","data":{"why":1}}""")]
    [InlineData("\"refused\"")]
    public void ConnectError_ObjectOrString(string json)
    {
        var packet = DecodeOne(Packet(4, "/admin", json: json));
        Assert.Equal(SocketIoPacketType.ConnectError, packet.Type);
        Assert.Equal(json, packet.DataText());
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/custom")]
    [InlineData("/a/b?c=d,e")]
    [InlineData("/é中😀\u2028")]
    public void Namespaces_AreAnyStringStartingWithASlash(string nsp)
    {
        Assert.Equal(nsp, DecodeOne(Packet(2, nsp, json: "[\"e\"]")).Namespace);
    }

    [Fact]
    public void Namespace_RepeatedOnOneDecoder_IsTheSameString()
    {
        var decoder = Parser.CreateDecoder(new SocketIoDecoderOptions());
        decoder.DecodeBinary(Packet(2, "/chat", json: "[\"a\"]"), out var first, out _);
        decoder.DecodeBinary(Packet(2, "/chat", json: "[\"b\"]"), out var second, out _);
        Assert.Same(first!.Namespace, second!.Namespace);
    }

    [Theory]
    [InlineData("00", 0)]
    [InlineData("7f", 127)]
    [InlineData("cc 80", 128)]
    [InlineData("cd 01 00", 256)]
    [InlineData("ce 00 01 00 00", 65536)]
    [InlineData("cf 00 00 00 01 00 00 00 00", 4294967296)]
    [InlineData("cf 00 1f ff ff ff ff ff ff", SocketIoPacket.MaxAckId)]
    [InlineData("d3 00 1f ff ff ff ff ff ff", SocketIoPacket.MaxAckId)]
    [InlineData("cb 40 1c 00 00 00 00 00 00", 7)]
    [InlineData("ca 40 e0 00 00", 7)]
    [InlineData("cb 80 00 00 00 00 00 00 00", 0)]
    public void AckIds_AnyIntegerFormFromZeroTo2Pow53Minus1(string hex, long expected)
    {
        var message = Map(("type", Raw("02")), ("data", Json("[\"e\"]")), ("id", Raw(hex)), ("nsp", Raw("a1 2f")));
        Assert.Equal(expected, DecodeOne(message).AckId);
    }

    [Fact]
    public void Type_AsAWholeFloat_IsThatType()
    {
        var message = Map(("type", Raw("cb 40 00 00 00 00 00 00 00")), ("data", Json("[\"e\"]")), ("nsp", Raw("a1 2f")));
        Assert.Equal(SocketIoPacketType.Event, DecodeOne(message).Type);
    }

    [Fact]
    public void NestedData_KeepsItsShape()
    {
        const string json = """["deep",{"a":[[{"b":{"c":[null,true,-1,1.5e-7,"é"]}}]],"empty":{},"list":[]}]""";
        Assert.Equal(json, DecodeOne(Packet(2, json: json)).DataText());
    }

    [Fact]
    public void Binary_AtAnyDepth_BecomesPlaceholdersAndAttachments_InOrder()
    {
        var packet = DecodeOne(Packet(
            2,
            "/chat",
            json: """["upload",{"_placeholder":true,"num":0},{"parts":[[{"_placeholder":true,"num":1}]],"x":{"y":{"_placeholder":true,"num":2}}}]""",
            attachments: [s_bin1, s_bin2, s_bin3]));

        Assert.Equal(SocketIoPacketType.BinaryEvent, packet.Type);
        Assert.Equal("upload", packet.EventName);
        Assert.Equal(
            """["upload",{"_placeholder":true,"num":0},{"parts":[[{"_placeholder":true,"num":1}]],"x":{"y":{"_placeholder":true,"num":2}}}]""",
            packet.DataText());
        Assert.Equal([s_bin1, s_bin2, s_bin3], packet.Attachments);
        Assert.True(packet.IsBinary);
    }

    [Fact]
    public void Binary_InAnAck_IsABinaryAck()
    {
        var packet = DecodeOne(Packet(3, id: 4, json: """[{"_placeholder":true,"num":0}]""", attachments: [s_bin1]));
        Assert.Equal(SocketIoPacketType.BinaryAck, packet.Type);
        Assert.Equal(4, packet.AckId);
        Assert.Equal([s_bin1], packet.Attachments);
    }

    [Fact]
    public void Binary_TheBrowsersArrayBuffer_Ext0_IsAnAttachmentToo()
    {
        // notepack 2 (the parser's, in a browser) writes an ArrayBuffer as ext 8 of type 0.
        var message = Map(("type", Raw("02")), ("data", Raw("92 a1 65 c7 02 00 03 04")), ("nsp", Raw("a1 2f")));
        var packet = DecodeOne(message);
        Assert.Equal("""["e",{"_placeholder":true,"num":0}]""", packet.DataText());
        Assert.Equal([new byte[] { 3, 4 }], packet.Attachments);
    }

    [Fact]
    public void Extensions_AreReadAsTheParsersNotepack2ReadsThem()
    {
        // A Date (fixext 8 of type 0, milliseconds) is its ISO text; a timestamp (type -1) is [-1, <bytes>], as for
        // any extension notepack 2 does not know.
        var message = Map(
            ("type", Raw("02")),
            ("data", Raw("93 a1 65 d7 00 00 00 00 00 00 00 00 05 d6 ff 00 00 00 01")),
            ("nsp", Raw("a1 2f")));
        var packet = DecodeOne(message);
        Assert.Equal("""["e","1970-01-01T00:00:00.005Z",[-1,{"_placeholder":true,"num":0}]]""", packet.DataText());
        Assert.Equal([new byte[] { 0, 0, 0, 1 }], packet.Attachments);
    }

    [Fact]
    public void InvalidUtf8_InAString_IsReplaced_AsNodeDecodesIt()
    {
        var message = Map(("type", Raw("02")), ("data", Raw("92 a1 65 a2 ff 41")), ("nsp", Raw("a1 2f")));
        Assert.Equal("[\"e\",\"\uFFFDA\"]", DecodeOne(message).DataText());
    }

    [Fact]
    public void ExtraKeys_AreIgnored_AsTheClientsOptions()
    {
        var message = Map(
            ("type", Raw("02")),
            ("data", Json("[\"e\"]")),
            ("options", Json("""{"compress":true}""")),
            ("nsp", Raw("a1 2f")));
        Assert.Equal("[\"e\"]", DecodeOne(message).DataText());
    }

    [Fact]
    public void NonStringKeys_AreNoField()
    {
        var message = MsgpackTestHelpers.Write((ref MessagePackWriter w) =>
        {
            w.WriteMapHeader(4);
            w.Write("type");
            w.Write(2);
            w.Write(1);
            w.Write("one");
            w.Write("data");
            Json("[\"e\"]")(ref w);
            w.Write("nsp");
            w.Write("/");
        });
        Assert.Equal("[\"e\"]", DecodeOne(message).DataText());
    }

    [Fact]
    public void DuplicateKeys_TheLastOneCounts_AsInJavaScript()
    {
        var message = Map(("type", Raw("07")), ("type", Raw("02")), ("data", Json("[\"a\"]")), ("data", Json("[\"b\"]")), ("nsp", Raw("a1 2f")));
        var packet = DecodeOne(message);
        Assert.Equal(SocketIoPacketType.Event, packet.Type);
        Assert.Equal("b", packet.EventName);
    }

    [Fact]
    public void Undefined_IdOrData_IsAbsent()
    {
        // notepack 2 writes undefined as fixext 1 of type 0: socket.io-client sends {id: undefined} as that.
        var eventWithUndefinedId = Map(("type", Raw("02")), ("data", Json("[\"e\"]")), ("id", Raw("d4 00 00")), ("nsp", Raw("a1 2f")));
        Assert.Null(DecodeOne(eventWithUndefinedId).AckId);

        var disconnectWithUndefinedData = Map(("type", Raw("01")), ("data", Raw("d4 00 00")), ("nsp", Raw("a1 2f")));
        Assert.Equal(SocketIoPacketType.Disconnect, DecodeOne(disconnectWithUndefinedData).Type);
    }

    [Fact]
    public void TextMessages_AreRefused()
    {
        var decoder = Parser.CreateDecoder(new SocketIoDecoderOptions());
        var status = decoder.DecodeText("2[\"e\"]"u8, out var packet, out var error);
        Assert.Equal(SocketIoDecodeStatus.Error, status);
        Assert.Null(packet);
        Assert.Contains("binary messages only", error, StringComparison.Ordinal);

        // Each message stands alone: the next one decodes.
        Assert.Equal(SocketIoDecodeStatus.Packet, decoder.DecodeBinary(Packet(2, json: "[\"e\"]"), out _, out _));
    }

    [Fact]
    public void MaxDepth_IsHonoured_CountedFromThePayload()
    {
        var options = new SocketIoDecoderOptions { MaxDepth = 4 };
        DecodeOne(Packet(2, json: """["e",[[[]]]]"""), options);
        Assert.Equal(SocketIoDecodeStatus.Error, Decode(Packet(2, json: """["e",[[[[]]]]]"""), out _, out var error, options));
        Assert.Contains("nested too deeply", error, StringComparison.Ordinal);

        // An extra key nested too deeply is refused as well: every value is read.
        var deepExtra = Map(("type", Raw("02")), ("data", Json("[\"e\"]")), ("x", Json("[[[[[]]]]]")), ("nsp", Raw("a1 2f")));
        Assert.Equal(SocketIoDecodeStatus.Error, Decode(deepExtra, out _, out error, options));
        Assert.Contains("nested too deeply", error, StringComparison.Ordinal);
    }

    [Fact]
    public void MaxNamespaceLength_IsHonoured_InUtf8Bytes()
    {
        var options = new SocketIoDecoderOptions { MaxNamespaceLength = 4 };
        Assert.Equal("/é!", DecodeOne(Packet(0, "/é!"), options).Namespace);
        Assert.Equal(SocketIoDecodeStatus.Error, Decode(Packet(0, "/abcd"), out _, out var error, options));
        Assert.Equal("namespace too long", error);
    }

    [Fact]
    public void Options_OutOfRange_OrProtocolV4_Throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Parser.CreateDecoder(new SocketIoDecoderOptions { MaxDepth = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => Parser.CreateDecoder(new SocketIoDecoderOptions { MaxDepth = 1001 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => Parser.CreateDecoder(new SocketIoDecoderOptions { MaxNamespaceLength = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => Parser.CreateDecoder(new SocketIoDecoderOptions { ProtocolVersion = SocketIoProtocolVersion.V4 }));
        Assert.Throws<ArgumentNullException>(() => Parser.CreateDecoder(null!));
    }

    [Fact]
    public void ManyAttachments_AreNotLimitedByMaxAttachments_OnlyByTheMessage()
    {
        // Binary travels inline here, so there is no attachment to hold back: the message size bounds it.
        var attachments = Enumerable.Range(0, 50).Select(i => new[] { (byte)i }).ToArray();
        var json = "[\"e\"," + string.Join(',', Enumerable.Range(0, 50).Select(i => $$"""{"_placeholder":true,"num":{{i}}}""")) + "]";
        var packet = DecodeOne(Packet(2, json: json, attachments: attachments), new SocketIoDecoderOptions { MaxAttachments = 10 });
        Assert.Equal(attachments, packet.Attachments);
    }
}
