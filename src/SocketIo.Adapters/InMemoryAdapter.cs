using SocketIo.Adapters.Recovery;
using SocketIo.Protocol.Engine;
using SocketIo.Protocol.Packets;

namespace SocketIo.Adapters;

/// <summary>
/// The embedded default: one node, everything in this process's memory. With connection state recovery on
/// (<see cref="IAdapterHost.ConnectionStateRecovery"/>) it is also Node's <c>SessionAwareAdapter</c>: it stores every
/// event that is not volatile (an offset appended as its last argument) and the sessions of dropped sockets, within
/// the recovery window and the options' maximums, and gives a client that comes back the events it missed.
/// </summary>
public sealed class InMemoryAdapter : Adapter
{
    /// <summary>
    /// Guards <see cref="_store"/>, and stays held while a stored event is queued to its recipients: each socket gets
    /// stored events in offset order, so the last offset a client saw marks everything before it as received.
    /// </summary>
    private readonly Lock _storeLock = new();

    /// <summary>The stored events and sessions; <see langword="null"/> when recovery is off.</summary>
    private readonly SessionStore? _store;

    /// <summary>Initializes the adapter of one namespace.</summary>
    public InMemoryAdapter(IAdapterHost host)
        : base(host)
    {
        if (host.ConnectionStateRecovery is { } options)
        {
            _store = new SessionStore(options, host.TimeProvider);
        }
    }

    /// <inheritdoc />
    public override bool SupportsConnectionStateRecovery => _store is not null;

    /// <summary>Gets how many events are stored for recovery (for tests).</summary>
    internal int StoredPacketCount
    {
        get
        {
            lock (_storeLock)
            {
                return _store?.PacketCount ?? 0;
            }
        }
    }

    /// <summary>Gets how many sessions of dropped sockets are kept (for tests).</summary>
    internal int StoredSessionCount
    {
        get
        {
            lock (_storeLock)
            {
                return _store?.SessionCount ?? 0;
            }
        }
    }

    /// <inheritdoc />
    public override ValueTask BroadcastAsync(PacketPayload packet, BroadcastOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(packet);
        ArgumentNullException.ThrowIfNull(options);

        // Volatile events are neither stored nor given an offset, as in Node.
        if (_store is null || options.Flags.Volatile)
        {
            return base.BroadcastAsync(packet, options, cancellationToken);
        }

        lock (_storeLock)
        {
            // One offset per broadcast, framed once for every recipient.
            var offset = _store.NextOffset();
            var frames = Encode(packet.WithTrailingString(offset), options, ackId: null);
            _store.Append(offset, frames, options);
            BroadcastFramesLocally(frames, options);
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public override ValueTask PersistSessionAsync(ConnectionSession session, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        if (_store is not null)
        {
            lock (_storeLock)
            {
                _store.Persist(session);
            }
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public override ValueTask<ConnectionSession?> RestoreSessionAsync(string privateId, string offset, CancellationToken cancellationToken = default)
    {
        if (_store is null || privateId is null || offset is null)
        {
            return ValueTask.FromResult<ConnectionSession?>(null);
        }

        lock (_storeLock)
        {
            return ValueTask.FromResult(_store.Take(privateId, offset));
        }
    }

    /// <inheritdoc />
    public override ValueTask<bool> ResumeSessionAsync(ConnectionSession session, string offset, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(offset);
        if (_store is null)
        {
            return base.ResumeSessionAsync(session, offset, cancellationToken);
        }

        (List<string>? Created, List<string>? Joined) joined;
        lock (_storeLock)
        {
            // Joining and catching up under the lock that stored events are delivered under: each event after the
            // offset is sent here or, stored later, reaches the socket through its rooms; never both, never neither.
            var missed = new List<(EngineFrame[] Frames, BroadcastOptions Broadcast)>();
            if (!_store.TryGetAfter(offset, missed))
            {
                return ValueTask.FromResult(false);
            }

            joined = AddAllQuietly(session.SocketId, session.Rooms);
            foreach (var (frames, broadcast) in missed)
            {
                if (IsAddressedTo(session.Rooms, broadcast))
                {
                    Host.Send(session.SocketId, frames, isVolatile: false);
                }
            }
        }

        // Room subscribers are user code: they run once the lock is released.
        RaiseJoined(session.SocketId, joined.Created, joined.Joined);
        return ValueTask.FromResult(true);
    }
}
