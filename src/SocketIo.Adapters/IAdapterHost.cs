using Microsoft.Extensions.Logging;
using SocketIo.Protocol.Engine;
using SocketIo.Protocol.Packets;
using SocketIo.Protocol.Parsers;

namespace SocketIo.Adapters;

/// <summary>
/// How an adapter reaches the sockets of its namespace on this node, and the server's listeners. The server
/// implements it; an adapter never sees the server's types.
/// </summary>
public interface IAdapterHost
{
    /// <summary>Gets the namespace name, e.g. <c>/</c> or <c>/admin</c>.</summary>
    string NamespaceName { get; }

    /// <summary>
    /// Gets this server's id (Node's adapter <c>uid</c>): 16 lower-case hex characters, random per server process and
    /// the same for all its namespaces. A cluster adapter puts it in every message it sends and drops its own echoes by
    /// it.
    /// </summary>
    string ServerId { get; }

    /// <summary>Gets the clock for request timeouts (the server's, so tests can drive it).</summary>
    TimeProvider TimeProvider { get; }

    /// <summary>Gets the logger an adapter writes to.</summary>
    ILogger Logger { get; }

    /// <summary>
    /// Gets the server's parser (Node's <c>parser</c> option). An adapter frames what it delivers locally with it, once
    /// per broadcast, and passes the same frames to every <see cref="Send"/>: it never picks a parser itself.
    /// </summary>
    ISocketIoParser Parser { get; }

    /// <summary>
    /// Gets the server's connection state recovery options, or <see langword="null"/> when recovery is off (the
    /// default). An adapter that keeps sessions (<see cref="Adapter.SupportsConnectionStateRecovery"/>) reads its window
    /// and bounds here.
    /// </summary>
    ConnectionStateRecoveryOptions? ConnectionStateRecovery => null;

    /// <summary>Queues already-encoded frames for a local socket. Returns false when it is not (or no longer) here.</summary>
    bool Send(string socketId, ReadOnlySpan<EngineFrame> frames, bool isVolatile);

    /// <summary>
    /// Queues frames that carry acknowledgement id <paramref name="ackId"/> for a local socket and calls
    /// <paramref name="onAck"/> with the client's answer if it comes within <paramref name="timeout"/> (after that the
    /// socket forgets the id). Returns false, and forgets the id at once, when the frames were not queued: the socket
    /// is not here, or its connection is closed or overflowed. Only sockets it returned true for can answer.
    /// </summary>
    bool SendWithAck(string socketId, ReadOnlySpan<EngineFrame> frames, long ackId, TimeSpan timeout, Action<AckResponse> onAck);

    /// <summary>Takes the next acknowledgement id of the namespace (ids count from 0 per namespace).</summary>
    long NextAckId();

    /// <summary>Disconnects a local socket; with <paramref name="close"/>, its whole connection too.</summary>
    void Disconnect(string socketId, bool close);

    /// <summary>
    /// Describes a local socket for another node (handshake, rooms, data as JSON), or returns <see langword="null"/>
    /// when it is not here. Never throws: a data value that cannot be serialized is left out, and logged.
    /// </summary>
    SocketDetails? Describe(string socketId);

    /// <summary>
    /// Delivers a server-side emit from another node to the namespace's listeners. <paramref name="packet"/> is the
    /// array <c>[event, …args]</c>. <paramref name="ack"/> is set when the emitter waits for this node's answer; it is
    /// called at most once. Returns at once: the listeners run elsewhere, never on the adapter's thread.
    /// </summary>
    void OnServerSideEmit(PacketPayload packet, Action<AckResponse>? ack);
}
