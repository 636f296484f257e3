using SocketIo.Adapters;
using SocketIo.Adapters.Cluster;
using SocketIo.Adapters.Wire;
using SocketIo.Redis.Sharded;
using static SocketIo.Redis.Tests.Infrastructure.WireText;

namespace SocketIo.Redis.Tests.Sharded;

/// <summary>JSON unless the message may carry binary and does: then the whole envelope is MessagePack.</summary>
public sealed class ShardedMessageCodecTests
{
    [Fact]
    public void ABinaryBroadcast_IsTheCapturedMessagePack()
    {
        var envelope = new ClusterEnvelope("9a68ad3c92856e71", "/", new BroadcastMessage(new BroadcastPacket(Payload("""["bin",{"_placeholder":true,"num":0}]""", [1, 2, 3])), BroadcastOptions.All));
        Assert.Equal(
            Hex(Captured("""
                84 a4"type" 03 a4"data" 82 a6"packet" 82 a4"type" 02 a4"data" 92 a3"bin" c4 03 01 02 03
                a4"opts" 83 a5"rooms" 90 a6"except" 90 a5"flags" 80 a3"uid" b0"9a68ad3c92856e71" a3"nsp" a1"/"
                """)),
            Hex(ShardedMessageCodec.Encode(envelope)));
    }

    [Fact]
    public void WithoutBinary_ItIsTheCapturedJson()
    {
        var envelope = new ClusterEnvelope("9a68ad3c92856e71", "/", new BroadcastMessage(new BroadcastPacket(Payload("""["hello","world"]""")), BroadcastOptions.All));
        Assert.Equal(
            """{"type":3,"data":{"packet":{"type":2,"data":["hello","world"]},"opts":{"rooms":[],"except":[],"flags":{}}},"uid":"9a68ad3c92856e71","nsp":"/"}""",
            Text(ShardedMessageCodec.Encode(envelope)));
    }

    [Fact]
    public void TheTypesThatMayCarryBinary_SwitchWhenTheyDo()
    {
        var binary = Value("""{"_placeholder":true,"num":0}""", [1]);
        var socket = new FetchedSocket("s", Value("{}"), [], binary);
        (ClusterMessage Message, bool Msgpack)[] cases =
        [
            (new BroadcastAckMessage("r", binary), true),
            (new BroadcastAckMessage("r", Value("1")), false),
            (new FetchSocketsResponseMessage("r", [socket]), true),
            (new FetchSocketsResponseMessage("r", [socket with { Data = null }]), false),
            (new ServerSideEmitMessage(Payload("""[{"_placeholder":true,"num":0}]""", [1])), true),
            (new ServerSideEmitResponseMessage("r", binary), true),
            (new ServerSideEmitResponseMessage("r", null), false),
            (new BroadcastClientCountMessage("r", 3), false),
            (new SocketsJoinMessage(BroadcastOptions.All, ["a"]), false),
            (InitialHeartbeatMessage.Instance, false),
        ];

        foreach (var (message, msgpack) in cases)
        {
            Assert.Equal(msgpack ? WireFraming.Msgpack : WireFraming.Json, ShardedMessageCodec.FramingFor(message));
            var bytes = ShardedMessageCodec.Encode(new ClusterEnvelope("u", "/", message));
            Assert.Equal(msgpack, bytes[0] != '{');
            Assert.True(ShardedMessageCodec.TryDecode(bytes, out var back, out var error), error);
            Assert.Equal(message.Type, back.Message.Type);
            Assert.Equal(msgpack, back.Message.HasBinary);
        }
    }
}
