using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Collections.Immutable;
using SocketIo.Adapters;
using SocketIo.Server.Internal;

namespace SocketIo.Server;

/// <summary>Connection state recovery, as one socket sees it.</summary>
public sealed partial class Socket
{
    /// <summary>
    /// The close reasons after which a client may come back to the same socket, Node's list: the connection dropped or
    /// was closed under the socket. A namespace disconnect, asked by either side, a parse error and an overflowing
    /// client end the session.
    /// </summary>
    private static readonly FrozenSet<string> RecoverableReasons = FrozenSet.Create(
        StringComparer.Ordinal,
        SocketIoDisconnectReasons.TransportError,
        SocketIoDisconnectReasons.TransportClose,
        SocketIoDisconnectReasons.ForcedClose,
        SocketIoDisconnectReasons.PingTimeout,
        SocketIoDisconnectReasons.ServerShuttingDown,
        SocketIoDisconnectReasons.ForcedServerClose);

    /// <summary>Completes once a close that kept this socket's session ran its listeners; set by that close.</summary>
    private TaskCompletionSource? _sessionClosed;

    /// <summary>
    /// Gets a value indicating whether this socket was recovered (<see cref="SocketIoOptions.ConnectionStateRecovery"/>):
    /// the client lost its connection and came back within the window, so it has the id, rooms and
    /// <see cref="Data"/> of its earlier socket, and the events it missed were sent to it before its CONNECT reply.
    /// </summary>
    public bool Recovered { get; private init; }

    /// <summary>
    /// Gets the private session id the client recovers this socket with (Node's <c>pid</c>), sent only to this client in
    /// its CONNECT reply; <see langword="null"/> when recovery is off or the client speaks protocol v4 (2.x clients).
    /// </summary>
    internal string? PrivateId { get; }

    /// <summary>
    /// Gets a value indicating whether the adapter keeps this socket's session and its own events for recovery: its
    /// emits then go through the adapter, which stores them with an offset.
    /// </summary>
    internal bool KeepsSession => PrivateId is not null && Namespace.Adapter.SupportsConnectionStateRecovery;

    /// <summary>Gets a task that completes once a close that kept this socket's session ran its listeners.</summary>
    internal Task SessionClosed => System.Threading.Volatile.Read(ref _sessionClosed)?.Task ?? Task.CompletedTask;

    /// <summary>A socket that takes the place of a dropped one: its id, private id and data.</summary>
    internal static Socket Restore(Namespace nsp, Client client, SocketHandshake handshake, ConnectionSession session)
    {
        var socket = new Socket(nsp, client, handshake, session.SocketId, session.PrivateId) { Recovered = true };
        if (session.Data.Count > 0)
        {
            socket._data = new ConcurrentDictionary<string, object?>(session.Data, StringComparer.Ordinal);
        }

        return socket;
    }

    /// <summary>
    /// Sends one of this socket's events through the adapter to the socket's own room, as Node does with recovery on:
    /// the adapter stores it and appends its offset, and a socket recovered under this id later receives it too.
    /// </summary>
    private void EmitThroughAdapter(string eventName, object?[] args, bool compress)
    {
        var flags = compress ? BroadcastFlags.None : BroadcastFlags.None with { Compress = false };
        var self = new BroadcastOptions(ImmutableHashSet.Create(StringComparer.Ordinal, Id), ImmutableHashSet.Create<string>(StringComparer.Ordinal), flags);
        var pending = Namespace.Adapter.BroadcastAsync(OutboundPacket.Payload(_client.Serializer, eventName, args), self);
        if (!pending.IsCompletedSuccessfully)
        {
            _ = Namespace.Server.AdapterFailures.Track(pending.AsTask(), "emit");
        }
    }

    /// <summary>
    /// At the close (on the closing thread, as the socket stops receiving, its rooms still joined): hands the session
    /// to the adapter when the reason lets the client come back. A socket recovered under this id waits for this
    /// close's listeners, so this socket leaving its rooms never undoes the new one's.
    /// </summary>
    private void KeepSessionIfRecoverable(string reason)
    {
        if (!KeepsSession || !RecoverableReasons.Contains(reason))
        {
            return;
        }

        System.Threading.Volatile.Write(ref _sessionClosed, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        Namespace.TrackClosingSession(this);
        IReadOnlyDictionary<string, object?> data = DataIfCreated is { Count: > 0 } values
            ? new Dictionary<string, object?>(values, StringComparer.Ordinal)
            : FrozenDictionary<string, object?>.Empty;
        var persisting = Namespace.Adapter.PersistSessionAsync(new ConnectionSession(Id, PrivateId!, [.. Rooms], data));
        if (!persisting.IsCompletedSuccessfully)
        {
            _ = Namespace.Server.AdapterFailures.Track(persisting.AsTask(), "persist session");
        }
    }

    /// <summary>Ends the wait of a socket recovered under this id, once this close ran its listeners.</summary>
    private void EndKeptSessionClose()
    {
        if (System.Threading.Volatile.Read(ref _sessionClosed) is { } closed)
        {
            Namespace.UntrackClosingSession(this);
            closed.TrySetResult();
        }
    }
}
