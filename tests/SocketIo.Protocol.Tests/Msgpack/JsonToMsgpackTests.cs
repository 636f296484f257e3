using System.Text;
using System.Text.Json;
using SocketIo.Protocol.Msgpack;
using SocketIo.Protocol.Packets;
using static SocketIo.Protocol.Tests.Msgpack.MsgpackTestHelpers;

namespace SocketIo.Protocol.Tests.Msgpack;

/// <summary>JSON with placeholders into MessagePack, byte for byte as notepack.io 3 encodes the same JavaScript value.</summary>
public sealed class JsonToMsgpackTests
{
    [Fact]
    public void NumberWidths_MatchNotepack()
    {
        // Every integer width and both float signs, as notepack.io 3.0.1 encodes them.
        Assert.Equal(
            "9c 00 ff d0 df 7f cc 80 cc ff cd 01 00 ce 00 01 00 00 cf 00 00 00 01 00 00 00 00 cb 3f f8 00 00 00 00 00 00 cb bf e0 00 00 00 00 00 00 cf 00 20 00 00 00 00 00 00",
            Encode("[0,-1,-33,127,128,255,256,65536,4294967296,1.5,-0.5,9007199254740992]"));
    }

    [Theory]
    [InlineData("-32", "e0")]
    [InlineData("-128", "d0 80")]
    [InlineData("-129", "d1 ff 7f")]
    [InlineData("-32768", "d1 80 00")]
    [InlineData("-32769", "d2 ff ff 7f ff")]
    [InlineData("-2147483648", "d2 80 00 00 00")]
    [InlineData("-2147483649", "d3 ff ff ff ff 7f ff ff ff")]
    [InlineData("65535", "cd ff ff")]
    [InlineData("4294967295", "ce ff ff ff ff")]
    [InlineData("18446744073709551615", "cf ff ff ff ff ff ff ff ff")]
    [InlineData("9007199254740993", "cf 00 20 00 00 00 00 00 01")]
    public void Integers_TakeTheSmallestForm_AndKeepEveryDigit(string json, string hex) => Assert.Equal(hex, Encode(json));

    [Theory]
    [InlineData("1.0", "01")]
    [InlineData("1e3", "cd 03 e8")]
    [InlineData("-0", "00")]
    [InlineData("-0.0", "00")]
    [InlineData("2.5e1", "19")]
    [InlineData("1E2", "64")]
    [InlineData("-1.5", "cb bf f8 00 00 00 00 00 00")]
    [InlineData("0.1", "cb 3f b9 99 99 99 99 99 9a")]
    [InlineData("1e400", "cb 7f f0 00 00 00 00 00 00")]
    [InlineData("-1e400", "cb ff f0 00 00 00 00 00 00")]
    [InlineData("1e300", "cb 7e 37 e4 3c 88 00 75 9c")]
    public void OtherNumbers_AreIntegralIntegers_OrFloat64(string json, string hex) => Assert.Equal(hex, Encode(json));

    [Fact]
    public void Literals_AndNesting()
    {
        Assert.Equal("c0", Encode("null"));
        Assert.Equal("93 c3 c2 c0", Encode("[true,false,null]"));
        Assert.Equal("82 a1 61 91 80 a1 62 81 a1 63 90", Encode("""{"a":[{}],"b":{"c":[]}}"""));
    }

    [Theory]
    [InlineData(0, "a0")]
    [InlineData(31, "bf")]
    [InlineData(32, "d9 20")]
    [InlineData(255, "d9 ff")]
    [InlineData(256, "da 01 00")]
    [InlineData(65535, "da ff ff")]
    [InlineData(65536, "db 00 01 00 00")]
    public void Strings_TakeTheirLengthForm(int length, string header)
    {
        var text = new string('x', length);
        var hex = Encode(JsonSerializer.Serialize(text));
        Assert.StartsWith(header, hex, StringComparison.Ordinal);
        Assert.Equal(header.Split(' ').Length + length, hex.Split(' ').Length);
    }

    [Fact]
    public void Strings_AreUtf8_Unescaped_NeverBin()
    {
        // "é" is 2 bytes, "😀" 4: the length counts UTF-8 bytes, as notepack does.
        Assert.Equal("a6 c3 a9 f0 9f 98 80", Encode("\"\\u00e9\\ud83d\\ude00\""));
        Assert.Equal("a6 22 5c 0a 2f 09 41", Encode("\"\\\"\\\\\\n\\/\\tA\""));
        Assert.Equal("81 a2 61 62 01", Encode("""{"a\u0062":1}"""));
    }

    [Fact]
    public void LoneSurrogates_BecomeTheReplacementCharacter()
    {
        Assert.Equal("a5 78 ef bf bd 79", Encode("\"x\\ud800y\""));
        Assert.Equal("81 a3 ef bf bd 01", Encode("{\"\\udc00\":1}"));
    }

    [Fact]
    public void CountsOf16AndMore_UseTheLongHeaders()
    {
        var array = "[" + string.Join(',', Enumerable.Repeat("1", 16)) + "]";
        Assert.StartsWith("dc 00 10 01", Encode(array), StringComparison.Ordinal);
        var map = "{" + string.Join(',', Enumerable.Range(0, 16).Select(i => $"\"k{i:x}\":{i}")) + "}";
        Assert.StartsWith("de 00 10 a2 6b 30 00", Encode(map), StringComparison.Ordinal);
        Assert.StartsWith("9f", Encode("[" + string.Join(',', Enumerable.Repeat("1", 15)) + "]"), StringComparison.Ordinal);
    }

    [Fact]
    public void Placeholders_BecomeBin_AtAnyDepth()
    {
        var small = new byte[] { 1, 2, 3 };
        var large = Enumerable.Range(0, 300).Select(i => (byte)i).ToArray();
        var hex = Encode("""["bin",{"x":[{"_placeholder":true,"num":1}]},{"_placeholder":true,"num":0}]""", small, large);
        Assert.Equal("93 a3 62 69 6e 81 a1 78 91 c5 01 2c " + ToHex(large) + " c4 03 01 02 03", hex);
    }

    [Fact]
    public void Bin32_ForAttachmentsOf64KiBAndMore()
    {
        var big = new byte[65536];
        Assert.StartsWith("c6 00 01 00 00", Encode("""{"_placeholder":true,"num":0}""", big), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""[{"_placeholder":true,"num":1}]""")]
    [InlineData("""[{"_placeholder":true,"num":-1}]""")]
    [InlineData("""[{"_placeholder":true,"num":"0"}]""")]
    [InlineData("""[{"_placeholder":true}]""")]
    public void PlaceholderPointingNowhere_Throws(string json) =>
        Assert.Throws<InvalidDataException>(() => Encode(json, [9]));

    [Fact]
    public void KeysWithLoneSurrogateEscapes_NextToPlaceholders_DoNotThrow()
    {
        // Looking for "_placeholder" must not unescape the other keys: System.Text.Json throws on a lone surrogate.
        Assert.Equal("81 ac 5f 70 6c 61 63 65 68 6f 6c ef bf bd 01", Encode("""{"_placehol\ud800":1}"""));
        Assert.Equal("91 c4 01 09", Encode("""[{"\udc00\udc00\udc00":2,"_placeholder":true,"num":0}]""", [9]));
        Assert.Equal("92 c4 01 09 c4 01 09", Encode("""[{"_placeholder":true,"num":0},{"_placeholder":true,"num":0.0}]""", [9]));
    }

    [Fact]
    public void PlaceholderFalse_IsAPlainObject() =>
        Assert.Equal("82 ac 5f 70 6c 61 63 65 68 6f 6c 64 65 72 c2 a3 6e 75 6d 00", Encode("""{"_placeholder":false,"num":0}"""));

    [Fact]
    public void PacketPayload_AndPayloadValue_WriteTheirAttachments()
    {
        var payload = new PacketPayload(Encoding.UTF8.GetBytes("""["ev",{"_placeholder":true,"num":0}]"""), [new byte[] { 0xff }]);
        var written = Write((ref MessagePack.MessagePackWriter w) => JsonToMsgpack.Write(ref w, payload));
        Assert.Equal("92 a2 65 76 c4 01 ff", ToHex(written));

        var value = new PayloadValue(Encoding.UTF8.GetBytes("""{"ok":7}"""), []);
        written = Write((ref MessagePack.MessagePackWriter w) => JsonToMsgpack.Write(ref w, value));
        Assert.Equal("81 a2 6f 6b 07", ToHex(written));
    }
}
