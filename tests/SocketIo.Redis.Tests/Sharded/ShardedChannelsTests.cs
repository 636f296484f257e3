using SocketIo.Adapters;
using SocketIo.Adapters.Cluster;
using SocketIo.Adapters.Wire;
using SocketIo.Redis.Sharded;
using static SocketIo.Redis.Tests.Infrastructure.WireText;

namespace SocketIo.Redis.Tests.Sharded;

/// <summary>Sharded channel names, room subscriptions and publish channels per subscription mode.</summary>
public sealed class ShardedChannelsTests
{
    private const string SocketId = "l1PYWSjcHZQCPZX7AAAA";

    [Fact]
    public void Names_AreTheCapturedOnes()
    {
        var channels = new ShardedChannels(ShardedChannels.DefaultPrefix, "/", ShardedSubscriptionMode.Dynamic);
        Assert.Equal("socket.io#/#", channels.Main);
        Assert.Equal("socket.io#/#9a68ad3c92856e71#", channels.Private("9a68ad3c92856e71"));
        Assert.Equal("socket.io#/#room1#", channels.Room("room1"));
        Assert.Equal("p#/chat#", new ShardedChannels("p", "/chat", ShardedSubscriptionMode.Static).Main);
    }

    [Theory]
    [InlineData((int)ShardedSubscriptionMode.Static, false, false)]
    [InlineData((int)ShardedSubscriptionMode.Static, true, false)]
    [InlineData((int)ShardedSubscriptionMode.Dynamic, false, true)]
    [InlineData((int)ShardedSubscriptionMode.Dynamic, true, false)]
    [InlineData((int)ShardedSubscriptionMode.DynamicPrivate, false, true)]
    [InlineData((int)ShardedSubscriptionMode.DynamicPrivate, true, true)]
    public void RoomChannels_PerMode(int mode, bool isLocalSocketId, bool expected) =>
        Assert.Equal(expected, new ShardedChannels("socket.io", "/", (ShardedSubscriptionMode)mode).HasRoomChannel(isLocalSocketId));

    [Theory]
    [InlineData((int)ShardedSubscriptionMode.Dynamic, "room1", "socket.io#/#room1#")]
    [InlineData((int)ShardedSubscriptionMode.Dynamic, SocketId, "socket.io#/#")]
    [InlineData((int)ShardedSubscriptionMode.Dynamic, "twenty-characters-xx", "socket.io#/#")]
    [InlineData((int)ShardedSubscriptionMode.DynamicPrivate, SocketId, "socket.io#/#" + SocketId + "#")]
    [InlineData((int)ShardedSubscriptionMode.DynamicPrivate, "room1", "socket.io#/#room1#")]
    [InlineData((int)ShardedSubscriptionMode.Static, "room1", "socket.io#/#")]
    public void ABroadcastToOneRoom_UsesItsChannel_WhenTheModeGivesItOne(int mode, string room, string expected)
    {
        var channels = new ShardedChannels("socket.io", "/", (ShardedSubscriptionMode)mode);
        Assert.Equal(expected, channels.PublishChannel(Broadcast(Options([room]))));
    }

    [Fact]
    public void EverythingElse_GoesToTheMainChannel()
    {
        var channels = new ShardedChannels("socket.io", "/", ShardedSubscriptionMode.DynamicPrivate);
        Assert.Equal("socket.io#/#", channels.PublishChannel(Broadcast(Options(["room1"]), requestId: "r")));
        Assert.Equal("socket.io#/#", channels.PublishChannel(Broadcast(Options(["a", "b"]))));
        Assert.Equal("socket.io#/#", channels.PublishChannel(Broadcast(BroadcastOptions.All)));
        Assert.Equal("socket.io#/#", channels.PublishChannel(new ClusterSocketsJoin(Options(["room1"]), ["x"]) { Uid = "0123456789abcdef", Namespace = "/" }));
        Assert.Equal("socket.io#/#", channels.PublishChannel(new ClusterHeartbeat() { Uid = "0123456789abcdef", Namespace = "/" }));
    }

    [Fact]
    public void SocketIdLookalikes_AreTwentyUtf16Units() =>
        Assert.Equal([false, true, true, false], new[] { "room1", SocketId, new string('é', 20), "😀😀😀😀😀😀😀😀😀😀😀" }.Select(ShardedChannels.LooksLikeSocketId));

    private static ClusterBroadcast Broadcast(BroadcastOptions options, string? requestId = null) =>
        new ClusterBroadcast(Payload("""["x"]"""), options, requestId) { Uid = "0123456789abcdef", Namespace = "/" };
}
