using SocketIo.Protocol.Packets;
using SocketIo.Protocol.Tests.Msgpack;
using static SocketIo.Protocol.Tests.Parsers.MsgpackPackets;

namespace SocketIo.Protocol.Tests.Parsers;

/// <summary>
/// What the MessagePack parser's decoder refuses (<see cref="SocketIoDecodeStatus.Error"/>: the connection is closed)
/// and what it returns for the Node server to drop (<see cref="SocketIoDecodeStatus.Ignored"/>), case by case
/// (<see cref="MsgpackMalformedCases"/>).
/// </summary>
public sealed class MsgpackPacketDecoderMalformedTests
{
    public static TheoryData<string> RefusedAsInNode => [.. MsgpackMalformedCases.RefusedAsInNode.Keys];

    public static TheoryData<string> RefusedBeyondNode => [.. MsgpackMalformedCases.RefusedBeyondNode.Keys];

    public static TheoryData<string> Ignored => [.. MsgpackMalformedCases.Ignored.Keys];

    [Theory]
    [MemberData(nameof(RefusedAsInNode))]
    public void Refused_AsNodesParserRefusesIt(string name) => AssertRefused(MsgpackMalformedCases.RefusedAsInNode[name]);

    [Theory]
    [MemberData(nameof(RefusedBeyondNode))]
    public void Refused_WhereNodeGoesOn(string name) => AssertRefused(MsgpackMalformedCases.RefusedBeyondNode[name]);

    [Theory]
    [MemberData(nameof(Ignored))]
    public void Ignored_AsTheNodeServerDropsIt(string name)
    {
        var (message, type, ackId, reason) = MsgpackMalformedCases.Ignored[name];
        Assert.Equal(SocketIoDecodeStatus.Ignored, Decode(message, out var packet, out var error));
        Assert.Equal(reason, error);
        Assert.Equal(type, packet!.Type);
        Assert.Equal(ackId, packet.AckId);
        Assert.Equal("/", packet.Namespace);
    }

    [Fact]
    public void AfterAnError_TheSameDecoderTakesTheNextPacket()
    {
        var decoder = Parser.CreateDecoder(new SocketIoDecoderOptions());
        foreach (var (message, _) in MsgpackMalformedCases.RefusedAsInNode.Values.Concat(MsgpackMalformedCases.RefusedBeyondNode.Values))
        {
            Assert.Equal(SocketIoDecodeStatus.Error, decoder.DecodeBinary(message, out _, out _));
            Assert.Equal(SocketIoDecodeStatus.Packet, decoder.DecodeBinary(Packet(2, json: "[\"ok\"]"), out var packet, out _));
            Assert.Equal("ok", packet!.EventName);
        }
    }

    [Fact]
    public void DeepNesting_IsRefused_WithoutExhaustingTheStack()
    {
        // 100,000 nested one-element arrays: the reader's own skip would recurse that deep.
        var deep = Enumerable.Repeat((byte)0x91, 100_000).Append((byte)0xc0).ToArray();
        foreach (var message in new[] { Map(("type", Raw("02")), ("data", Raw(Convert.ToHexString(deep))), ("nsp", Raw("a1 2f"))), Map(("x", Raw(Convert.ToHexString(deep)))), deep })
        {
            Assert.Equal(SocketIoDecodeStatus.Error, Decode(message, out _, out var error));
            Assert.Contains("nested too deeply", error, StringComparison.Ordinal);
        }
    }

    private static void AssertRefused((byte[] Message, string Error) expected)
    {
        Assert.Equal(SocketIoDecodeStatus.Error, Decode(expected.Message, out var packet, out var error));
        Assert.Null(packet);
        Assert.Contains(expected.Error, error, StringComparison.Ordinal);
    }
}
