using System.Text.Json;
using SocketIo.Adapters;
using SocketIo.Adapters.Wire;
using SocketIo.Protocol.Packets;
using static SocketIo.Redis.Tests.Infrastructure.WireText;

namespace SocketIo.Redis.Tests.Wire;

/// <summary>The shared building blocks read from JSON and from MessagePack: options, the packet object, socket details.</summary>
public sealed class WireReaderTests
{
    [Theory]
    [InlineData("{", true)]
    [InlineData("{\"type\":1}", true)]
    [InlineData("", false)]
    [InlineData(" {", false)]
    [InlineData("[", false)]
    public void Framing_IsTheFirstByteRule(string text, bool isJson) =>
        Assert.Equal(isJson ? WireFraming.Json : WireFraming.Msgpack, WireReader.DetectFraming(Utf8(text)));

    [Fact]
    public void Framing_MessagePackMapsAndArrays_NeverStartWithABrace()
    {
        foreach (var first in new byte[] { 0x80, 0x8f, 0xde, 0xdf, 0x90, 0x9f, 0xdc, 0xdd })
        {
            Assert.Equal(WireFraming.Msgpack, WireReader.DetectFraming([first]));
        }
    }

    [Fact]
    public void Options_ReadRoomsExceptAndTheFlagsThatMatter()
    {
        var options = ReadOptions("""{"rooms":["a","b",42,1.5],"except":["c"],"flags":{"volatile":true,"compress":false,"local":true,"timeout":2000,"broadcast":true,"expectSingleResponse":true}}""");
        Assert.Equal(["1.5", "42", "a", "b"], Sorted(options.Rooms));
        Assert.Equal(["c"], Sorted(options.Except));
        Assert.Equal(new BroadcastFlags(Volatile: true, Compress: false, Local: false, Timeout: TimeSpan.FromSeconds(2)), options.Flags);
    }

    [Theory]
    [InlineData("""{}""")]
    [InlineData("""{"rooms":[],"except":[],"flags":{}}""")]
    [InlineData("""{"rooms":null,"flags":null}""")]
    [InlineData("""{"flags":{"volatile":false,"compress":true,"timeout":-5}}""")]
    public void Options_Missing_AreEmpty(string json)
    {
        var options = ReadOptions(json);
        Assert.Empty(options.Rooms);
        Assert.Empty(options.Except);
        Assert.Same(BroadcastFlags.None, options.Flags);
    }

    [Theory]
    [InlineData("""{"rooms":[true]}""")]
    [InlineData("""{"rooms":[null]}""")]
    [InlineData("""{"except":[{}]}""")]
    [InlineData("""{"rooms":"room1"}""")]
    [InlineData("""[]""")]
    public void Options_WithRoomsThatAreNotNames_AreRefused(string json) =>
        Assert.False(WireReader.TryDecode(Utf8(json), WireFraming.Json, r => WireReader.ReadOptions(r.Root), out _, out _));

    [Fact]
    public void Packet_ReadsFromMessagePack_WithBinaryAsAttachments()
    {
        // {type:5, data:["bin", <01 02>, {x:[<03>]}], nsp:"/chat", id:7}: 5 is taken for 2.
        var bytes = Captured("""84 a4"type" 05 a4"data" 93 a3"bin" c4 02 01 02 81 a1"x" 91 c4 01 03 a3"nsp" a5"/chat" a2"id" 07""");
        Assert.True(WireReader.TryDecode(bytes, WireFraming.Msgpack, r => r.ReadPacket(r.Root), out var packet, out var error), error);
        AssertPayload(
            """["bin",{"_placeholder":true,"num":0},{"x":[{"_placeholder":true,"num":1}]}]""",
            [[1, 2], [3]],
            Text(packet.Data.Json),
            packet.Data.Attachments);
        Assert.Equal("/chat", packet.Nsp);
        Assert.Equal(7, packet.Id);
        Assert.True(packet.HasBinary);
    }

    [Theory]
    [InlineData("""{"type":3,"data":["x"]}""", "type 3")]
    [InlineData("""{"data":["x"]}""", "missing \"type\"")]
    [InlineData("""{"type":2}""", "missing \"data\"")]
    [InlineData("""{"type":2,"data":{"0":"x"}}""", "array")]
    [InlineData("""{"type":2,"data":["x"],"nsp":5}""", "not a string")]
    [InlineData("""{"type":"2","data":["x"]}""", "not an integer")]
    [InlineData("""{"type":2,"data":[{"_placeholder":true,"num":0}]}""", "placeholder")]
    public void Packet_Malformed_IsAnError(string json, string expected)
    {
        Assert.False(WireReader.TryDecode(Utf8(json), WireFraming.Json, r => r.ReadPacket(r.Root), out var packet, out var error));
        Assert.Null(packet);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Socket_ReadsEveryField_AndDefaultsTheMissingOnes()
    {
        const string Json = """[{"id":"s1","handshake":{"headers":{"host":"x"},"time":"Sat Nov 21 2026 19:51:19 GMT+0000 (Coordinated Universal Time)","issued":1795290679969,"auth":{}},"rooms":["s1","room1"],"data":{"user":"bob","n":42}},{"id":"s2"}]""";
        Assert.True(WireReader.TryDecode(Utf8(Json), WireFraming.Json, r => r.ReadSockets(r.Root), out var sockets, out var error), error);
        Assert.Equal("s1", sockets[0].Id);
        Assert.Equal("""{"headers":{"host":"x"},"time":"Sat Nov 21 2026 19:51:19 GMT+0000 (Coordinated Universal Time)","issued":1795290679969,"auth":{}}""", sockets[0].Handshake.GetRawText());
        Assert.Equal(["s1", "room1"], sockets[0].Rooms);
        Assert.Equal("""{"user":"bob","n":42}""", sockets[0].Data.GetRawText());
        Assert.Equal("{}", sockets[1].Handshake.GetRawText());
        Assert.Empty(sockets[1].Rooms);
        Assert.Equal(System.Text.Json.JsonValueKind.Undefined, sockets[1].Data.ValueKind);
    }

    [Fact]
    public void Socket_DataNull_IsKept_AndBinaryData_IsNodeBufferJson()
    {
        var bytes = Captured("""92 82 a2"id" a2"s1" a4"data" c0 82 a2"id" a2"s2" a4"data" 81 a1"b" c4 01 09""");
        Assert.True(WireReader.TryDecode(bytes, WireFraming.Msgpack, r => r.ReadSockets(r.Root), out var sockets, out var error), error);
        Assert.Equal("null", sockets[0].Data.GetRawText());
        Assert.Equal("""{"b":{"type":"Buffer","data":[9]}}""", sockets[1].Data.GetRawText());
    }

    [Theory]
    [InlineData("""[{"handshake":{}}]""")]
    [InlineData("""[{"id":7}]""")]
    [InlineData("""["s1"]""")]
    [InlineData("""{"id":"s1"}""")]
    public void Socket_Malformed_IsAnError(string json) =>
        Assert.False(WireReader.TryDecode(Utf8(json), WireFraming.Json, r => r.ReadSockets(r.Root), out _, out _));

    [Theory]
    [InlineData("{\"a\":")]
    [InlineData("{\"a\":1} x")]
    public void Framing_Errors_AreReturned(string text)
    {
        Assert.False(WireReader.TryDecode(Utf8(text), WireFraming.Json, r => r.Root.ToString(), out _, out var error));
        Assert.Contains("invalid JSON", error, StringComparison.Ordinal);
        Assert.False(WireReader.TryDecode(Utf8(text), WireFraming.Msgpack, r => r.Root.ToString(), out _, out error));
        Assert.Contains("trailing bytes", error, StringComparison.Ordinal);
    }

    [Fact]
    public void LoneSurrogates_InStringsRead_AreAnError_NotAnException()
    {
        Assert.False(WireReader.TryDecode(Utf8("""{"uid":"\ud800"}"""), WireFraming.Json, r => WireReader.RequireString(r.Root, "uid"), out _, out var error));
        Assert.False(string.IsNullOrEmpty(error));
    }

    [Theory]
    [InlineData("""{"close":true}""", true)]
    [InlineData("""{"close":1}""", true)]
    [InlineData("""{"close":"x"}""", true)]
    [InlineData("""{"close":{}}""", true)]
    [InlineData("""{"close":false}""", false)]
    [InlineData("""{"close":0}""", false)]
    [InlineData("""{"close":""}""", false)]
    [InlineData("""{"close":null}""", false)]
    [InlineData("""{}""", false)]
    public void Truthiness_IsJavaScripts(string json, bool expected)
    {
        using var document = JsonDocument.Parse(json);
        Assert.Equal(expected, WireReader.IsTruthy(document.RootElement, "close"));
    }

    private static BroadcastOptions ReadOptions(string json)
    {
        Assert.True(WireReader.TryDecode(Utf8(json), WireFraming.Json, r => WireReader.ReadOptions(r.Root), out var options, out var error), error);
        return options;
    }
}
