using SocketIo.Adapters;
using SocketIo.Adapters.Wire;
using static SocketIo.Redis.Tests.Infrastructure.WireText;

namespace SocketIo.Redis.Tests.Wire;

/// <summary>The shared building blocks written in Node's key order, in both framings.</summary>
public sealed class WireWriterTests
{
    [Theory]
    [InlineData((int)OptionsLayout.RoomsExceptFlags, """{"rooms":["r1"],"except":["x"],"flags":{"volatile":true,"compress":false,"local":true,"timeout":1500}}""")]
    [InlineData((int)OptionsLayout.RoomsFlagsExcept, """{"rooms":["r1"],"flags":{"volatile":true,"compress":false,"local":true,"timeout":1500},"except":["x"]}""")]
    [InlineData((int)OptionsLayout.RoomsExcept, """{"rooms":["r1"],"except":["x"]}""")]
    public void Options_InEachLayout(int layout, string expected)
    {
        var options = Options(["r1"], ["x"], new BroadcastFlags(Volatile: true, Compress: false, Local: true, Timeout: TimeSpan.FromMilliseconds(1500.7)));
        Assert.Equal(expected, Write(WireFraming.Json, w => w.WriteOptions(options, (OptionsLayout)layout)));
        Assert.Equal("""{"rooms":[],"except":[],"flags":{}}""", Write(WireFraming.Json, w => w.WriteOptions(BroadcastOptions.All, OptionsLayout.RoomsExceptFlags)));
    }

    [Fact]
    public void Packet_TypeDataIdNsp()
    {
        var packet = new BroadcastPacket(Payload("""["a",{"_placeholder":true,"num":0}]""", [5]), "/chat", 3);
        Assert.Equal("""{"type":2,"data":["a",{"type":"Buffer","data":[5]}],"id":3,"nsp":"/chat"}""", Write(WireFraming.Json, w => w.WritePacket(packet)));
        Assert.Equal(
            Hex(Captured("""84 a4"type" 02 a4"data" 92 a1"a" c4 01 05 a2"id" 03 a3"nsp" a5"/chat" """)),
            Hex(WriteBytes(WireFraming.Msgpack, w => w.WritePacket(packet))));
    }

    [Fact]
    public void Values_AcrossAMessage_NumberTheirBinaryInOrder()
    {
        var bytes = WriteBytes(WireFraming.Msgpack, w =>
        {
            w.Json.WriteStartArray();
            w.WriteValue(Value("""{"_placeholder":true,"num":0}""", [1]));
            w.WriteValue(Value("""[{"_placeholder":true,"num":1},{"_placeholder":true,"num":0}]""", [2], [3]));
            w.Json.WriteEndArray();
        });
        Assert.Equal("92 c4 01 01 92 c4 01 03 c4 01 02", Hex(bytes));
    }

    [Fact]
    public void Socket_DataLeftOutWhenAbsent()
    {
        var socket = new SocketIo.Adapters.SocketDetails("s1", Json("""{"auth":{}}"""), ["s1", "r"], default);
        Assert.Equal("""{"id":"s1","handshake":{"auth":{}},"rooms":["s1","r"]}""", Write(WireFraming.Json, w => w.WriteSocket(socket)));
        socket = socket with { Data = Json("""{"b":null}""") };
        Assert.Equal("""{"id":"s1","handshake":{"auth":{}},"rooms":["s1","r"],"data":{"b":null}}""", Write(WireFraming.Json, w => w.WriteSocket(socket)));
    }

    private static string Write(WireFraming framing, Action<WireWriter> write) => Text(WriteBytes(framing, write));

    private static byte[] WriteBytes(WireFraming framing, Action<WireWriter> write)
    {
        using var writer = new WireWriter(framing);
        write(writer);
        return writer.ToArray();
    }
}
