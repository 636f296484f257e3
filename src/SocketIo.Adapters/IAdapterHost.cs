using SocketIo.Protocol.Engine;

namespace SocketIo.Adapters;

/// <summary>
/// How an adapter reaches the sockets of its namespace on this node. The server implements it; an adapter never
/// sees the server's types.
/// </summary>
public interface IAdapterHost
{
    /// <summary>Gets the namespace name, e.g. <c>/</c> or <c>/admin</c>.</summary>
    string NamespaceName { get; }

    /// <summary>Queues already-encoded frames for a local socket. Returns false when it is not (or no longer) here.</summary>
    bool Send(string socketId, ReadOnlySpan<EngineFrame> frames, bool isVolatile);

    /// <summary>
    /// Queues frames that carry acknowledgement id <paramref name="ackId"/> for a local socket and calls
    /// <paramref name="onAck"/> with the client's answer if it comes within <paramref name="timeout"/> (after that the
    /// socket forgets the id). Returns false when the socket is not here.
    /// </summary>
    bool SendWithAck(string socketId, ReadOnlySpan<EngineFrame> frames, long ackId, TimeSpan timeout, Action<AckResponse> onAck);

    /// <summary>Takes the next acknowledgement id of the namespace (ids count from 0 per namespace).</summary>
    long NextAckId();

    /// <summary>Disconnects a local socket; with <paramref name="close"/>, its whole connection too.</summary>
    void Disconnect(string socketId, bool close);

    /// <summary>Describes a local socket, or returns <see langword="null"/> when it is not here.</summary>
    SocketDetails? Describe(string socketId);
}
