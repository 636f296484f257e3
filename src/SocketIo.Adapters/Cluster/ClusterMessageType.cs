namespace SocketIo.Adapters.Cluster;

/// <summary>
/// The message types of Node's ClusterAdapter protocol (socket.io-adapter 2.5.4 and later), spoken by the sharded Redis
/// adapter, the Redis Streams and PostgreSQL adapters and their emitters. Not the classic Redis adapter's request
/// types: the same numbers mean other things there (3 is a leave request there, a broadcast here).
/// </summary>
internal enum ClusterMessageType
{
    /// <summary>A node started; heartbeat-counting nodes answer with <see cref="Heartbeat"/>.</summary>
    InitialHeartbeat = 1,

    /// <summary>A node is alive.</summary>
    Heartbeat = 2,

    /// <summary>An event for the matching sockets, with or without acknowledgements.</summary>
    Broadcast = 3,

    /// <summary>The matching sockets join rooms.</summary>
    SocketsJoin = 4,

    /// <summary>The matching sockets leave rooms.</summary>
    SocketsLeave = 5,

    /// <summary>The matching sockets are disconnected.</summary>
    DisconnectSockets = 6,

    /// <summary>Asks every node for its matching sockets.</summary>
    FetchSockets = 7,

    /// <summary>One node's answer to <see cref="FetchSockets"/>.</summary>
    FetchSocketsResponse = 8,

    /// <summary>An event for the other nodes' server-side listeners, with or without acknowledgement.</summary>
    ServerSideEmit = 9,

    /// <summary>One node's acknowledgement of <see cref="ServerSideEmit"/>.</summary>
    ServerSideEmitResponse = 10,

    /// <summary>How many sockets one node sent an acknowledged broadcast to.</summary>
    BroadcastClientCount = 11,

    /// <summary>One client's acknowledgement of a broadcast.</summary>
    BroadcastAck = 12,

    /// <summary>A node is closing its adapter.</summary>
    AdapterClose = 13,
}
