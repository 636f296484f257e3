using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;

namespace SocketIo.Adapters;

/// <summary>
/// One namespace's rooms and its broadcasts. This base keeps the rooms of the sockets on this node and delivers
/// locally; a scale-out adapter overrides the cluster-wide operations (<see cref="BroadcastAsync"/> and the others,
/// all asynchronous so a bus failure surfaces) to also reach other nodes, as Node's ClusterAdapter does: publish,
/// then apply locally. Room membership of local sockets (<see cref="AddAll"/>, <see cref="Del"/>,
/// <see cref="DelAll"/>) stays synchronous: it never leaves the node. Thread-safe.
/// </summary>
public abstract partial class Adapter
{
    private readonly Lock _lock = new();

    /// <summary>Room name → ids of the local sockets in it.</summary>
    private readonly Dictionary<string, CompactStringSet> _rooms = new(StringComparer.Ordinal);

    /// <summary>Socket id → the rooms it is in (its own id included); every local socket has an entry.</summary>
    private readonly Dictionary<string, CompactStringSet> _sids = new(StringComparer.Ordinal);

    /// <summary>Initializes the adapter of one namespace.</summary>
    protected Adapter(IAdapterHost host)
    {
        ArgumentNullException.ThrowIfNull(host);
        Host = host;
    }

    /// <summary>Raised when a room gets its first local socket. A subscriber that throws is logged; the change stands.</summary>
    public event Action<string>? RoomCreated;

    /// <summary>Raised when a room loses its last local socket. A subscriber that throws is logged; the change stands.</summary>
    public event Action<string>? RoomDeleted;

    /// <summary>Raised when a local socket joins a room: (room, socket id). A subscriber that throws is logged.</summary>
    public event Action<string, string>? SocketJoined;

    /// <summary>Raised when a local socket leaves a room: (room, socket id). A subscriber that throws is logged.</summary>
    public event Action<string, string>? SocketLeft;

    /// <summary>Gets how the adapter reaches its namespace's local sockets.</summary>
    protected IAdapterHost Host { get; }

    /// <summary>Gets <see cref="Host"/> for the metrics, which read its namespace's name.</summary>
    internal IAdapterHost MetricsHost => Host;

    /// <summary>Gets the rooms that have at least one local socket (socket-id rooms included).</summary>
    public IReadOnlyCollection<string> Rooms
    {
        get
        {
            lock (_lock)
            {
                return [.. _rooms.Keys];
            }
        }
    }

    /// <summary>
    /// Starts the adapter (subscriptions, heartbeats). The server calls it once, when it creates the namespace, and
    /// lets no socket of the namespace connect before it completes. The in-memory adapter has nothing to start.
    /// </summary>
    public virtual ValueTask InitAsync(CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

    /// <summary>
    /// Stops the adapter. The server calls it once, when a dynamic child namespace is removed or the host stops
    /// (sockets may still be connected then: local operations must keep working). The in-memory adapter has nothing
    /// to stop.
    /// </summary>
    public virtual ValueTask CloseAsync() => ValueTask.CompletedTask;

    /// <summary>
    /// Gets whether the adapter reaches the other nodes now: false while its bus (Redis, say) is unreachable, when
    /// cluster-wide operations fail fast and only this node's sockets are served. Always true for the in-memory
    /// adapter. A health check reads it.
    /// </summary>
    public virtual bool IsConnected => true;

    /// <summary>Gets how many nodes serve this namespace, this one included.</summary>
    public virtual ValueTask<int> ServerCountAsync(CancellationToken cancellationToken = default) => ValueTask.FromResult(1);

    /// <summary>Puts a local socket in rooms.</summary>
    public virtual void AddAll(string socketId, IEnumerable<string> rooms)
    {
        var (created, joined) = AddAllQuietly(socketId, rooms);
        RaiseJoined(socketId, created, joined);
    }

    /// <summary>
    /// Puts a local socket in rooms without raising the room events yet: for a caller that must not run subscribers
    /// under a lock of its own; it passes the result to <see cref="RaiseJoined"/> once it released it.
    /// </summary>
    private protected (List<string>? Created, List<string>? Joined) AddAllQuietly(string socketId, IEnumerable<string> rooms)
    {
        ArgumentNullException.ThrowIfNull(rooms);
        List<string>? created = null;
        List<string>? joined = null;

        // The lists only feed the events: without subscribers (the usual case) every join would allocate them for nothing.
        var trackCreated = RoomCreated is not null;
        var trackJoined = SocketJoined is not null;
        lock (_lock)
        {
            ref var socketRooms = ref CollectionsMarshal.GetValueRefOrAddDefault(_sids, socketId, out _);
            foreach (var room in rooms)
            {
                if (!socketRooms.Add(room))
                {
                    continue;
                }

                ref var members = ref CollectionsMarshal.GetValueRefOrAddDefault(_rooms, room, out var existed);
                if (!existed && trackCreated)
                {
                    (created ??= []).Add(room);
                }

                members.Add(socketId);
                if (trackJoined)
                {
                    (joined ??= []).Add(room);
                }
            }
        }

        return (created, joined);
    }

    /// <summary>Raises the events of a join made by <see cref="AddAllQuietly"/>.</summary>
    private protected void RaiseJoined(string socketId, List<string>? created, List<string>? joined)
        => Raise(created, joined, socketId, RoomCreated, SocketJoined);

    /// <summary>Takes a local socket out of one room.</summary>
    public virtual void Del(string socketId, string room)
    {
        bool left;
        bool deleted = false;
        lock (_lock)
        {
            ref var socketRooms = ref CollectionsMarshal.GetValueRefOrNullRef(_sids, socketId);
            left = !Unsafe.IsNullRef(ref socketRooms) && socketRooms.Remove(room);
            deleted = left && RemoveMemberLocked(room, socketId);
        }

        if (left)
        {
            Raise(deleted ? [room] : null, [room], socketId, RoomDeleted, SocketLeft);
        }
    }

    /// <summary>Takes a local socket out of every room (it disconnected).</summary>
    public virtual void DelAll(string socketId)
    {
        List<string>? deleted = null;
        CompactStringSet left;
        var trackDeleted = RoomDeleted is not null;
        lock (_lock)
        {
            if (!_sids.Remove(socketId, out left))
            {
                return;
            }

            foreach (var room in left)
            {
                if (RemoveMemberLocked(room, socketId) && trackDeleted)
                {
                    (deleted ??= []).Add(room);
                }
            }
        }

        Raise(deleted, SocketLeft is null ? null : [.. left], socketId, RoomDeleted, SocketLeft);
    }

    /// <summary>Gets the rooms of a local socket (empty when it has none or is not here).</summary>
    public IReadOnlySet<string> SocketRooms(string socketId)
    {
        lock (_lock)
        {
            var copy = new HashSet<string>(StringComparer.Ordinal);
            if (_sids.TryGetValue(socketId, out var rooms))
            {
                foreach (var room in rooms)
                {
                    copy.Add(room);
                }
            }

            return copy;
        }
    }

    /// <summary>Whether a room has at least one local socket (cheaper than <see cref="Rooms"/>).</summary>
    protected bool HasRoom(string room)
    {
        lock (_lock)
        {
            return _rooms.ContainsKey(room);
        }
    }

    /// <summary>Whether <paramref name="socketId"/> names a socket of this node.</summary>
    protected bool IsLocalSocket(string socketId)
    {
        lock (_lock)
        {
            return _sids.ContainsKey(socketId);
        }
    }

    /// <summary>
    /// The local sockets a broadcast reaches, each once: the members of any target room (every local socket when
    /// there is none), minus the members of any excluded room.
    /// </summary>
    protected IReadOnlyList<string> MatchingSocketIds(BroadcastOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        lock (_lock)
        {
            HashSet<string>? excluded = null;
            foreach (var room in options.Except)
            {
                if (_rooms.TryGetValue(room, out var members))
                {
                    excluded ??= new HashSet<string>(StringComparer.Ordinal);
                    foreach (var id in members)
                    {
                        excluded.Add(id);
                    }
                }
            }

            if (options.Rooms.IsEmpty)
            {
                return [.. _sids.Keys.Where(id => excluded is null || !excluded.Contains(id))];
            }

            var matched = new HashSet<string>(StringComparer.Ordinal);
            foreach (var room in options.Rooms)
            {
                if (_rooms.TryGetValue(room, out var members))
                {
                    foreach (var id in members)
                    {
                        matched.Add(id);
                    }
                }
            }

            if (excluded is not null)
            {
                matched.ExceptWith(excluded);
            }

            return [.. matched];
        }
    }

    /// <summary>Takes a socket out of a room's members; true when that emptied the room, which is then removed.</summary>
    private bool RemoveMemberLocked(string room, string socketId)
    {
        ref var members = ref CollectionsMarshal.GetValueRefOrNullRef(_rooms, room);
        if (Unsafe.IsNullRef(ref members) || !members.Remove(socketId) || members.Count > 0)
        {
            return false;
        }

        _rooms.Remove(room);
        return true;
    }

    /// <summary>
    /// Raises room events after the change is made. Every subscriber runs, whatever another one throws: a socket's
    /// close must not stop halfway because a subscriber failed.
    /// </summary>
    private void Raise(List<string>? rooms, List<string>? memberships, string socketId, Action<string>? roomEvent, Action<string, string>? socketEvent)
    {
        if (rooms is not null && roomEvent is not null)
        {
            foreach (var room in rooms)
            {
                foreach (var subscriber in roomEvent.GetInvocationList())
                {
                    try
                    {
                        ((Action<string>)subscriber)(room);
                    }
#pragma warning disable CA1031 // A subscriber's failure is logged; the membership change already happened.
                    catch (Exception e)
#pragma warning restore CA1031
                    {
                        Log.RoomEventSubscriberFailed(Host.Logger, Host.NamespaceName, room, e);
                    }
                }
            }
        }

        if (memberships is not null && socketEvent is not null)
        {
            foreach (var room in memberships)
            {
                foreach (var subscriber in socketEvent.GetInvocationList())
                {
                    try
                    {
                        ((Action<string, string>)subscriber)(room, socketId);
                    }
#pragma warning disable CA1031 // A subscriber's failure is logged; the membership change already happened.
                    catch (Exception e)
#pragma warning restore CA1031
                    {
                        Log.RoomEventSubscriberFailed(Host.Logger, Host.NamespaceName, room, e);
                    }
                }
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(500, LogLevel.Error, "A room event subscriber of {Namespace} threw (room {Room}); the other subscribers still ran.")]
        public static partial void RoomEventSubscriberFailed(ILogger logger, string @namespace, string room, Exception exception);
    }
}
