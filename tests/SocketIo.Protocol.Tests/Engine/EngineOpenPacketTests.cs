using System.Text;
using SocketIo.Protocol.Engine;

namespace SocketIo.Protocol.Tests.Engine;

public sealed class EngineOpenPacketTests
{
    [Fact]
    public void Writes_exact_keys_in_order()
    {
        var bytes = EngineOpenPacket.ToArray("abc-_DEF", ["websocket"], 300, 200, 1_000_000);
        Assert.Equal(
            """0{"sid":"abc-_DEF","upgrades":["websocket"],"pingInterval":300,"pingTimeout":200,"maxPayload":1000000}""",
            Encoding.UTF8.GetString(bytes));
    }

    [Fact]
    public void Writes_empty_upgrades()
    {
        var bytes = EngineOpenPacket.ToArray("s", [], 25000, 20000, 1);
        Assert.Equal("""0{"sid":"s","upgrades":[],"pingInterval":25000,"pingTimeout":20000,"maxPayload":1}""", Encoding.UTF8.GetString(bytes));
    }

    [Theory]
    [InlineData("abc-_DEF0123456789xyz")]
    [InlineData("s")]
    [InlineData("needs \"escaping\" <&>+é")]
    public void A_template_writes_the_same_bytes_as_the_writer(string sid)
    {
        var template = new EngineOpenPacketTemplate(["websocket"], 25000, 20000, 1_000_000);
        var expected = EngineOpenPacket.ToArray(sid, ["websocket"], 25000, 20000, 1_000_000);
        Assert.Equal(Encoding.UTF8.GetString(expected), Encoding.UTF8.GetString(template.ToArray(sid)));
    }

    [Fact]
    public void A_template_without_upgrades_fills_in_the_sid()
    {
        var template = new EngineOpenPacketTemplate([], 300, 200, 1);
        Assert.Equal(
            """0{"sid":"Ab-_9","upgrades":[],"pingInterval":300,"pingTimeout":200,"maxPayload":1}""",
            Encoding.UTF8.GetString(template.ToArray("Ab-_9")));
    }

    [Fact]
    public void Well_known_frames_have_their_bytes()
    {
        Assert.Equal("1", Encoding.UTF8.GetString(EngineFrames.Close.Payload.Span));
        Assert.Equal("2", Encoding.UTF8.GetString(EngineFrames.Ping.Payload.Span));
        Assert.Equal("3", Encoding.UTF8.GetString(EngineFrames.Pong.Payload.Span));
        Assert.Equal("3probe", Encoding.UTF8.GetString(EngineFrames.PongProbe.Payload.Span));
        Assert.Equal("6", Encoding.UTF8.GetString(EngineFrames.Noop.Payload.Span));
        Assert.False(EngineFrames.Noop.IsBinary);
    }
}
