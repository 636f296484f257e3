using StackExchange.Redis;

namespace SocketIo.Redis;

/// <summary>Reads the replies of the commands the adapters send without a typed call.</summary>
internal static class RedisReplies
{
    /// <summary>
    /// The count in a <c>PUBSUB NUMSUB</c> or <c>PUBSUB SHARDNUMSUB</c> reply for one channel: the flat array
    /// <c>[channel, count]</c>.
    /// </summary>
    public static int SubscriberCount(RedisResult reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        if (reply.Resp2Type != ResultType.Array || reply.Length < 2)
        {
            throw new RedisException($"Unexpected PUBSUB reply: {reply}.");
        }

        return (int)reply[1];
    }
}
