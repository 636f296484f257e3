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
        var message = new ClusterBroadcast(Payload("""["bin",{"_placeholder":true,"num":0}]""", [1, 2, 3]), BroadcastOptions.All) { Uid = "9a68ad3c92856e71", Namespace = "/" };
        Assert.Equal(
            Hex(Captured("""
                84 a4"type" 03 a4"data" 82 a6"packet" 82 a4"type" 02 a4"data" 92 a3"bin" c4 03 01 02 03
                a4"opts" 83 a5"rooms" 90 a6"except" 90 a5"flags" 80 a3"uid" b0"9a68ad3c92856e71" a3"nsp" a1"/"
                """)),
            Hex(ShardedMessageCodec.Encode(message)));
    }

    [Fact]
    public void WithoutBinary_ItIsTheCapturedJson()
    {
        var message = new ClusterBroadcast(Payload("""["hello","world"]"""), BroadcastOptions.All) { Uid = "9a68ad3c92856e71", Namespace = "/" };
        Assert.Equal(
            """{"type":3,"data":{"packet":{"type":2,"data":["hello","world"]},"opts":{"rooms":[],"except":[],"flags":{}}},"uid":"9a68ad3c92856e71","nsp":"/"}""",
            Text(ShardedMessageCodec.Encode(message)));
    }

    [Fact]
    public void TheTypesThatMayCarryBinary_SwitchWhenTheyDo()
    {
        var binary = Answer("""{"_placeholder":true,"num":0}""", [1]);
        (ClusterAdapterMessage Message, bool Msgpack)[] cases =
        [
            (new ClusterBroadcastAck("r", binary) { Uid = "0123456789abcdef", Namespace = "/" }, true),
            (new ClusterBroadcastAck("r", Answer("1")) { Uid = "0123456789abcdef", Namespace = "/" }, false),

            // Only the first argument crosses nodes: binary in a later one does not count.
            (new ClusterBroadcastAck("r", new AckResponse(null, [Json("1"), Json("""{"_placeholder":true,"num":0}""")], [[1]])) { Uid = "0123456789abcdef", Namespace = "/" }, false),
            (new ClusterFetchSocketsResponse("r", [new SocketDetails("s", Json("{}"), [], Json("1"))]) { Uid = "0123456789abcdef", Namespace = "/" }, false),
            (new ClusterServerSideEmit(Payload("""[{"_placeholder":true,"num":0}]""", [1])) { Uid = "0123456789abcdef", Namespace = "/" }, true),
            (new ClusterServerSideEmitResponse("r", binary) { Uid = "0123456789abcdef", Namespace = "/" }, true),
            (new ClusterServerSideEmitResponse("r", new AckResponse(null, [], [])) { Uid = "0123456789abcdef", Namespace = "/" }, false),
            (new ClusterBroadcastClientCount("r", 3) { Uid = "0123456789abcdef", Namespace = "/" }, false),
            (new ClusterSocketsJoin(BroadcastOptions.All, ["a"]) { Uid = "0123456789abcdef", Namespace = "/" }, false),
            (new ClusterHeartbeat(IsInitial: true) { Uid = "0123456789abcdef", Namespace = "/" }, false),
        ];

        foreach (var (message, msgpack) in cases)
        {
            Assert.Equal(msgpack ? WireFraming.Msgpack : WireFraming.Json, ShardedMessageCodec.FramingFor(message));
            var bytes = ShardedMessageCodec.Encode(message);
            Assert.Equal(msgpack, bytes[0] != '{');
            Assert.True(ShardedMessageCodec.TryDecode(bytes, "/", out var back, out var error), error);
            Assert.Equal(message.GetType(), back.GetType());
            Assert.Equal(msgpack, ClusterMessageCodec.HasBinary(back));
        }
    }
}
