using System.Text;
using MessagePack;
using SocketIo.Protocol.Msgpack;
using SocketIo.Protocol.Packets;
using static SocketIo.Protocol.Tests.Msgpack.MsgpackTestHelpers;

namespace SocketIo.Protocol.Tests.Msgpack;

/// <summary>MessagePack from Node nodes into JSON with placeholders: what notepack.io 3 decodes, as Socket.IO's JSON encoder writes it.</summary>
public sealed class MsgpackToJsonTests
{
    [Fact]
    public void NumberWidths_ReadBack()
    {
        const string Expected = "[0,-1,-33,127,128,255,256,65536,4294967296,1.5,-0.5,9007199254740992]";
        Assert.Equal(Expected, DecodeToJson("9c 00 ff d0 df 7f cc 80 cc ff cd 01 00 ce 00 01 00 00 cf 00 00 00 01 00 00 00 00 cb 3f f8 00 00 00 00 00 00 cb bf e0 00 00 00 00 00 00 cf 00 20 00 00 00 00 00 00"));

        // @msgpack/msgpack writes 2^53 as a float 64: the same JavaScript number.
        Assert.Equal("9007199254740992", DecodeToJson("cb 43 40 00 00 00 00 00 00"));
    }

    [Theory]
    [InlineData("cf ff ff ff ff ff ff ff ff", "18446744073709551615")]
    [InlineData("d3 80 00 00 00 00 00 00 00", "-9223372036854775808")]
    [InlineData("d1 80 00", "-32768")]
    [InlineData("ca 3f c0 00 00", "1.5")]
    [InlineData("ca 3d cc cc cd", "0.10000000149011612")]
    [InlineData("cb 40 00 00 00 00 00 00 00", "2")]
    [InlineData("cb 80 00 00 00 00 00 00 00", "0")]
    [InlineData("cb 44 4b 1a e4 d6 e2 ef 50", "1e+21")]
    [InlineData("cb 3e 7a d7 f2 9a bc af 48", "1e-7")]
    [InlineData("cb 7f f8 00 00 00 00 00 00", "null")]
    [InlineData("cb 7f f0 00 00 00 00 00 00", "null")]
    [InlineData("cb ff f0 00 00 00 00 00 00", "null")]
    public void Numbers_AsJavaScriptPrintsThem(string hex, string json) => Assert.Equal(json, DecodeToJson(hex));

    [Fact]
    public void Strings_AndLiterals()
    {
        Assert.Equal("""["hé",true,false,null]""", DecodeToJson("94 a3 68 c3 a9 c3 c2 c0"));
        Assert.Equal("\"a\\\"b\\\\c\\n\\u0001<>&'\"", DecodeToJson("ab 61 22 62 5c 63 0a 01 3c 3e 26 27"));
        Assert.Equal("\"\"", DecodeToJson("d9 00"));
    }

    [Fact]
    public void InvalidUtf8_BecomesTheReplacementCharacter() => Assert.Equal("\"a\uFFFDb\"", DecodeToJson("a3 61 ff 62"));

    [Fact]
    public void Dates_BecomeIsoText()
    {
        Assert.Equal("\"2000-06-13T00:00:00.000Z\"", DecodeToJson("d6 ff 39 45 79 80"));
        Assert.Equal("\"2000-06-13T00:00:00.005Z\"", DecodeToJson("d7 ff 01 31 2d 00 39 45 79 80"));

        // timestamp 96: before the epoch (-1.5 s is -2 s + 500,000,000 ns) and beyond 2^34 s.
        Assert.Equal("\"1969-12-31T23:59:58.500Z\"", DecodeToJson("c7 0c ff 1d cd 65 00 ff ff ff ff ff ff ff fe"));
        Assert.Equal("\"2514-05-30T01:53:04.000Z\"", DecodeToJson("c7 0c ff 00 00 00 00 00 00 00 04 00 00 00 00"));

        // notepack 2's Date: fixext 8 of type 0, int64 milliseconds.
        Assert.Equal("\"2000-06-13T00:00:00.005Z\"", DecodeToJson("d7 00 00 00 00 df b7 62 9c 05"));
        Assert.Equal("\"1969-12-31T23:59:59.999Z\"", DecodeToJson("d7 00 ff ff ff ff ff ff ff ff"));

        // Beyond a JavaScript Date's ±8.64e15 ms: an invalid date, which JSON writes as null.
        Assert.Equal("null", DecodeToJson("c7 0c ff 00 00 00 00 00 00 08 00 00 00 00 00"));
    }

    [Fact]
    public void Undefined_IsDroppedFromMaps_AndNullElsewhere()
    {
        // notepack never writes an undefined map value; @msgpack/msgpack writes nil, which stays null.
        Assert.Equal("""{"b":[null]}""", DecodeToJson("81 a1 62 91 c0"));
        Assert.Equal("""{"a":null,"b":[null]}""", DecodeToJson("82 a1 61 c0 a1 62 91 c0"));

        // notepack 2's undefined: fixext 1 of type 0.
        Assert.Equal("""{"b":[null,1]}""", DecodeToJson("82 a1 61 d4 00 00 a1 62 92 d4 00 00 01"));
        Assert.Equal("null", DecodeToJson("d4 00 00"));
    }

    [Fact]
    public void Bin_BecomesPlaceholders_NumberedInOrder_AtAnyDepth()
    {
        var value = Decode("93 a3 62 69 6e 81 a1 78 91 c4 02 0a 0b c4 00");
        Assert.Equal("""["bin",{"x":[{"_placeholder":true,"num":0}]},{"_placeholder":true,"num":1}]""", Encoding.UTF8.GetString(value.Json.Span));
        Assert.Equal(2, value.Attachments.Count);
        Assert.Equal(new byte[] { 10, 11 }, value.Attachments[0].ToArray());
        Assert.Empty(value.Attachments[1].ToArray());
    }

    [Fact]
    public void LegacyArrayBuffer_IsBinary_AndOtherExtensions_ATypeAndBinPair()
    {
        // ext 8 of type 0: notepack 2's ArrayBuffer.
        var value = Decode("92 c7 02 00 01 02 d5 05 03 04");
        Assert.Equal("""[{"_placeholder":true,"num":0},[5,{"_placeholder":true,"num":1}]]""", Encoding.UTF8.GetString(value.Json.Span));
        Assert.Equal(new byte[] { 1, 2 }, value.Attachments[0].ToArray());
        Assert.Equal(new byte[] { 3, 4 }, value.Attachments[1].ToArray());

        // fixext 4 of type 0 is not a legacy form: notepack decodes [0, Buffer].
        Assert.Equal("""[0,{"_placeholder":true,"num":0}]""", Encoding.UTF8.GetString(Decode("d6 00 01 02 03 04").Json.Span));
        Assert.Equal("""[-3,{"_placeholder":true,"num":0}]""", Encoding.UTF8.GetString(Decode("c8 00 01 fd 09").Json.Span));
    }

    [Fact]
    public void MapKeys_BecomeJavaScriptPropertyKeys_AsNotepackNamesThem()
    {
        var bytes = Write((ref MessagePackWriter w) =>
        {
            w.WriteMapHeader(6);
            w.Write(1);
            w.Write("int");
            w.Write(1.5);
            w.Write("float");
            w.Write(true);
            w.Write("bool");
            w.WriteNil();
            w.Write("nil");
            w.Write(ulong.MaxValue);
            w.Write("u64");
            w.Write(-2);
            w.Write("neg");
        });
        Assert.Equal("""{"1":"int","1.5":"float","true":"bool","null":"nil","18446744073709552000":"u64","-2":"neg"}""", DecodeToJson(ToHex(bytes)));
    }

    [Theory]
    [InlineData("81 90 01", "map key")]
    [InlineData("81 c4 01 00 01", "map key")]
    public void UnsupportedMapKeys_Fail(string hex, string expected) => Assert.Contains(expected, DecodeFails(hex), StringComparison.Ordinal);

    [Theory]
    [InlineData("82 ac 5f 70 6c 61 63 65 68 6f 6c 64 65 72 c3 a3 6e 75 6d 00")]
    [InlineData("91 81 ac 5f 70 6c 61 63 65 68 6f 6c 64 65 72 c3")]
    public void MapsThatReadAsPlaceholders_Fail(string hex) => Assert.Contains("placeholder", DecodeFails(hex), StringComparison.Ordinal);

    [Fact]
    public void PlaceholderFalse_IsAPlainObject() =>
        Assert.Equal("""{"_placeholder":false}""", DecodeToJson("81 ac 5f 70 6c 61 63 65 68 6f 6c 64 65 72 c2"));

    [Theory]
    [InlineData("", "truncated")]
    [InlineData("92 01", "truncated")]
    [InlineData("a5 61 62", "truncated")]
    [InlineData("c4 05 01", "truncated")]
    [InlineData("dd ff ff ff ff 01", "truncated")]
    [InlineData("df ff ff ff ff a1 61 01", "truncated")]
    [InlineData("cd 01", "truncated")]
    [InlineData("d6 ff 00", "truncated")]
    [InlineData("c1", "0xc1")]
    [InlineData("91 c1", "0xc1")]
    [InlineData("01 02", "trailing")]
    [InlineData("c0 c0 c0", "2 trailing bytes")]
    [InlineData("c7 03 ff 00 00 00", "timestamp")]
    public void MalformedInput_IsAnError_NeverAnException(string hex, string expected) =>
        Assert.Contains(expected, DecodeFails(hex), StringComparison.Ordinal);

    [Fact]
    public void DeepNesting_IsRefused_AtTheLimit()
    {
        var tooDeep = Enumerable.Repeat((byte)0x91, PlaceholderJson.MaxDepth + 1).Append((byte)0xc0).ToArray();
        Assert.Contains("nested too deeply", DecodeFails(tooDeep), StringComparison.Ordinal);

        var deepest = Enumerable.Repeat((byte)0x91, PlaceholderJson.MaxDepth).Append((byte)0xc0).ToArray();
        Assert.True(MsgpackToJson.TryReadValue(deepest, out var value, out var error), error);
        Assert.Equal(PlaceholderJson.MaxDepth * 2 + 4, value.Json.Length);
    }

    [Fact]
    public void TryReadPayload_WantsAnArray()
    {
        Assert.True(MsgpackToJson.TryReadPayload(Hex("92 a2 65 76 c4 01 07"), out var payload, out var error), error);
        Assert.Equal("""["ev",{"_placeholder":true,"num":0}]""", Encoding.UTF8.GetString(payload.Json.Span));
        Assert.Equal(new byte[] { 7 }, payload.Attachments[0].ToArray());

        Assert.False(MsgpackToJson.TryReadPayload(Hex("81 a1 61 01"), out payload, out error));
        Assert.Null(payload);
        Assert.Contains("array", error, StringComparison.Ordinal);
        Assert.False(MsgpackToJson.TryReadPayload(Array.Empty<byte>(), out _, out _));
    }

    [Fact]
    public void TryRead_CountsOnFromTheAttachmentsAlreadyThere()
    {
        var attachments = new List<ReadOnlyMemory<byte>> { new byte[] { 1 } };
        var output = new System.Buffers.ArrayBufferWriter<byte>();
        using (var json = new System.Text.Json.Utf8JsonWriter(output))
        {
            var reader = new MessagePackReader(Hex("c4 01 02"));
            Assert.True(MsgpackToJson.TryRead(ref reader, json, attachments, out var error), error);
        }

        Assert.Equal("""{"_placeholder":true,"num":1}""", Encoding.UTF8.GetString(output.WrittenSpan));
        Assert.Equal(2, attachments.Count);
    }
}
