using System.Text;
using SocketIo.Protocol.Engine;

namespace SocketIo.Protocol.Tests.Engine;

public sealed class EnginePacketParserTests
{
    [Theory]
    [InlineData("0", EnginePacketType.Open, "")]
    [InlineData("1", EnginePacketType.Close, "")]
    [InlineData("2", EnginePacketType.Ping, "")]
    [InlineData("2probe", EnginePacketType.Ping, "probe")]
    [InlineData("3", EnginePacketType.Pong, "")]
    [InlineData("4hello", EnginePacketType.Message, "hello")]
    [InlineData("4", EnginePacketType.Message, "")]
    [InlineData("5", EnginePacketType.Upgrade, "")]
    [InlineData("6", EnginePacketType.Noop, "")]
    public void Parses_every_type(string text, EnginePacketType type, string data)
    {
        Assert.True(EnginePacketParser.TryParseText(Encoding.UTF8.GetBytes(text), out var packet));
        Assert.Equal(type, packet.Type);
        Assert.Equal(data, Encoding.UTF8.GetString(packet.Data.Span));
        Assert.False(packet.IsBinary);
    }

    [Theory]
    [InlineData("")]
    [InlineData("7")]
    [InlineData("abc")]
    [InlineData(" 4")]
    public void Refuses_what_is_not_a_packet(string text)
    {
        Assert.False(EnginePacketParser.TryParseText(Encoding.UTF8.GetBytes(text), out _));
    }

    [Fact]
    public void Recognises_the_probe_only()
    {
        Assert.True(EnginePacketParser.TryParseText("2probe"u8.ToArray(), out var probe));
        Assert.True(probe.IsProbe);
        Assert.True(EnginePacketParser.TryParseText("2"u8.ToArray(), out var ping));
        Assert.False(ping.IsProbe);
        Assert.True(EnginePacketParser.TryParseText("3probe"u8.ToArray(), out var pong));
        Assert.False(pong.IsProbe);
    }
}
