namespace SocketIo.Redis.Classic;

/// <summary>
/// The request types of the classic Redis adapter (<c>createAdapter</c>) and its emitter. Not the ClusterAdapter
/// message types of the sharded adapter: the same numbers mean other things there (3 is a broadcast there, a leave
/// here). A plain broadcast has no number: it is the three-element array on a broadcast channel.
/// </summary>
internal enum ClassicRequestType
{
    /// <summary>Socket ids in rooms. Legacy: sent only by adapters before 8.x.</summary>
    Sockets = 0,

    /// <summary>Every room of every node.</summary>
    AllRooms = 1,

    /// <summary>The matching sockets join rooms (legacy form: one socket by id).</summary>
    RemoteJoin = 2,

    /// <summary>The matching sockets leave rooms (legacy form: one socket by id).</summary>
    RemoteLeave = 3,

    /// <summary>The matching sockets are disconnected (legacy form: one socket by id).</summary>
    RemoteDisconnect = 4,

    /// <summary>Every node's matching sockets, described.</summary>
    RemoteFetch = 5,

    /// <summary>An event for the other nodes' server-side listeners; on a response channel, one node's acknowledgement.</summary>
    ServerSideEmit = 6,

    /// <summary>A broadcast that collects acknowledgements.</summary>
    Broadcast = 7,

    /// <summary>How many sockets one node sent an acknowledged broadcast to.</summary>
    BroadcastClientCount = 8,

    /// <summary>One client's acknowledgement of a broadcast.</summary>
    BroadcastAck = 9,
}
