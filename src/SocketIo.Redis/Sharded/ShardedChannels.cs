using SocketIo.Adapters.Cluster;

namespace SocketIo.Redis.Sharded;

/// <summary>
/// The sharded channels (SSUBSCRIBE/SPUBLISH, one channel per command) of one namespace:
/// <list type="bullet">
/// <item><c>{prefix}#{nsp}#</c>: the namespace's channel, every node subscribed; the one that counts servers;</item>
/// <item><c>{prefix}#{nsp}#{uid}#</c>: a node's private channel, where answers to its requests arrive;</item>
/// <item><c>{prefix}#{nsp}#{room}#</c>: a room's channel, in the dynamic modes.</item>
/// </list>
/// </summary>
internal sealed class ShardedChannels
{
    /// <summary>Node's default channel prefix.</summary>
    public const string DefaultPrefix = "socket.io";

    /// <summary>The length of a Socket.IO socket id; Node takes any room name of that length for one.</summary>
    private const int SocketIdLength = 20;

    /// <summary>Initializes the channels of <paramref name="nsp"/> under <paramref name="prefix"/>.</summary>
    public ShardedChannels(string prefix, string nsp, ShardedSubscriptionMode mode)
    {
        ArgumentException.ThrowIfNullOrEmpty(prefix);
        ArgumentException.ThrowIfNullOrEmpty(nsp);
        Main = prefix + "#" + nsp + "#";
        Mode = mode;
    }

    /// <summary>Gets the namespace's channel.</summary>
    public string Main { get; }

    /// <summary>Gets the subscription mode.</summary>
    public ShardedSubscriptionMode Mode { get; }

    /// <summary>Gets a node's private channel.</summary>
    public string Private(string uid) => Main + uid + "#";

    /// <summary>Gets a room's channel.</summary>
    public string Room(string room) => Main + room + "#";

    /// <summary>
    /// Whether Node would take a room name for a socket id: exactly 20 UTF-16 code units, whatever they are (a
    /// JavaScript string's length).
    /// </summary>
    public static bool LooksLikeSocketId(string room) => room.Length == SocketIdLength;

    /// <summary>
    /// Whether a room gets its own channel when it is created (its first local member joined), and loses it when it
    /// is deleted. <paramref name="isLocalSocketId"/> says whether, at creation, the name is the id of a local socket.
    /// </summary>
    public bool HasRoomChannel(bool isLocalSocketId) => Mode switch
    {
        ShardedSubscriptionMode.Dynamic => !isLocalSocketId,
        ShardedSubscriptionMode.DynamicPrivate => true,
        _ => false,
    };

    /// <summary>
    /// Where a message is published: a room's channel only for a broadcast without acknowledgements (an acknowledged
    /// one must reach every server, which all count) to exactly one room that has a channel in this mode; the
    /// namespace's channel otherwise. Answers go to <see cref="Private"/> of the requester instead.
    /// </summary>
    public string PublishChannel(ClusterAdapterMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message is ClusterBroadcast { RequestId: null, Options.Rooms.Count: 1 } broadcast)
        {
            var room = broadcast.Options.Rooms.First();
            if (Mode == ShardedSubscriptionMode.DynamicPrivate || (Mode == ShardedSubscriptionMode.Dynamic && !LooksLikeSocketId(room)))
            {
                return Room(room);
            }
        }

        return Main;
    }
}
