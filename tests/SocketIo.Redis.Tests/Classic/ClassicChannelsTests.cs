using SocketIo.Redis.Classic;
using static SocketIo.Redis.Tests.Infrastructure.WireText;

namespace SocketIo.Redis.Tests.Classic;

public sealed class ClassicChannelsTests
{
    private readonly ClassicChannels _channels = new(ClassicChannels.DefaultKey, "/");

    [Fact]
    public void Names_AreTheCapturedOnes()
    {
        Assert.Equal("socket.io#/#", _channels.Broadcast);
        Assert.Equal("socket.io#/#*", _channels.BroadcastPattern);
        Assert.Equal("socket.io#/#room1#", _channels.Room("room1"));
        Assert.Equal("socket.io-request#/#", _channels.Request);
        Assert.Equal("socket.io-response#/#", _channels.Response);
        Assert.Equal("socket.io-response#/#892Yz2#", _channels.SpecificResponse("892Yz2"));
    }

    [Fact]
    public void Names_AreJoinedWithoutEscaping()
    {
        var channels = new ClassicChannels("my#key", "/a#b*");
        Assert.Equal("my#key#/a#b*#", channels.Broadcast);
        Assert.Equal("my#key#/a#b*#r?[#", channels.Room("r?["));
        Assert.Equal("my#key-request#/a#b*#", channels.Request);
    }

    [Fact]
    public void Broadcasts_ToExactlyOneRoom_UseItsChannel()
    {
        Assert.Equal("socket.io#/#", _channels.BroadcastChannelFor(Options()));
        Assert.Equal("socket.io#/#room1#", _channels.BroadcastChannelFor(Options(["room1"], ["room2"])));
        Assert.Equal("socket.io#/#", _channels.BroadcastChannelFor(Options(["room1", "room2"])));
    }

    [Theory]
    [InlineData("socket.io#/#", true, "")]
    [InlineData("socket.io#/#room1#", true, "room1")]
    [InlineData("socket.io#/#a#b#", true, "a#b")]
    [InlineData("socket.io#/#x", true, "")]
    [InlineData("socket.io#/chat#room1#", false, "")]
    [InlineData("socket.io-request#/#", false, "")]
    public void RoomOfAChannel_IsWhatFollowsThePrefix_LessItsLastCharacter(string channel, bool matches, string room)
    {
        Assert.Equal(matches, _channels.TryGetRoom(channel, out var actual));
        Assert.Equal(room, actual);
    }

    [Fact]
    public void Responses_GoWhereTheResponderSays()
    {
        Assert.Equal("socket.io-response#/#", _channels.ResponseChannelFor("892Yz2", publishOnSpecificResponseChannel: false));
        Assert.Equal("socket.io-response#/#892Yz2#", _channels.ResponseChannelFor("892Yz2", publishOnSpecificResponseChannel: true));
        Assert.Equal("socket.io-response#/#", _channels.ResponseChannelFor(null, publishOnSpecificResponseChannel: true));
        Assert.True(_channels.IsResponseChannel("socket.io-response#/#892Yz2#"));
        Assert.True(_channels.IsResponseChannel("socket.io-response#/#"));
        Assert.False(_channels.IsResponseChannel("socket.io-request#/#"));
        Assert.True(_channels.IsRequestChannel("socket.io-request#/#"));
    }
}
