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
