using System.Buffers;
using System.Text.Json;
using SocketIo.Protocol.Packets;

namespace SocketIo.Adapters;

/// <summary>
/// One namespace's rooms and its broadcasts. This base keeps the rooms of the sockets on this node and delivers
/// locally; a scale-out adapter overrides the operations to also reach other nodes (as Node's ClusterAdapter does:
/// publish, then apply locally), so only a bus is added. Thread-safe.
/// </summary>
public abstract class Adapter
{
    private readonly Lock _lock = new();

    /// <summary>Room name → ids of the local sockets in it.</summary>
    private readonly Dictionary<string, HashSet<string>> _rooms = new(StringComparer.Ordinal);

    /// <summary>Socket id → the rooms it is in (its own id included); every local socket has an entry.</summary>
    private readonly Dictionary<string, HashSet<string>> _sids = new(StringComparer.Ordinal);

    /// <summary>Initializes the adapter of one namespace.</summary>
    protected Adapter(IAdapterHost host)
    {
        ArgumentNullException.ThrowIfNull(host);
        Host = host;
    }

    /// <summary>Raised when a room gets its first socket.</summary>
    public event Action<string>? RoomCreated;

    /// <summary>Raised when a room loses its last socket.</summary>
    public event Action<string>? RoomDeleted;

    /// <summary>Raised when a socket joins a room: (room, socket id).</summary>
    public event Action<string, string>? SocketJoined;

    /// <summary>Raised when a socket leaves a room: (room, socket id).</summary>
    public event Action<string, string>? SocketLeft;

    /// <summary>Gets how the adapter reaches its namespace's local sockets.</summary>
    protected IAdapterHost Host { get; }

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

    /// <summary>Starts the adapter (subscriptions, heartbeats). The in-memory adapter has nothing to start.</summary>
    public virtual ValueTask InitAsync(CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

    /// <summary>Stops the adapter. The in-memory adapter has nothing to stop.</summary>
    public virtual ValueTask CloseAsync() => ValueTask.CompletedTask;

    /// <summary>Gets how many nodes serve this namespace, this one included.</summary>
    public virtual ValueTask<int> ServerCountAsync() => ValueTask.FromResult(1);

    /// <summary>Puts a local socket in rooms.</summary>
    public virtual void AddAll(string socketId, IEnumerable<string> rooms)
    {
        ArgumentNullException.ThrowIfNull(rooms);
        List<string>? created = null;
        List<string>? joined = null;
        lock (_lock)
        {
            if (!_sids.TryGetValue(socketId, out var socketRooms))
            {
                socketRooms = new HashSet<string>(StringComparer.Ordinal);
                _sids[socketId] = socketRooms;
            }

            foreach (var room in rooms)
            {
                if (!socketRooms.Add(room))
                {
                    continue;
                }

                if (!_rooms.TryGetValue(room, out var members))
                {
                    members = new HashSet<string>(StringComparer.Ordinal);
                    _rooms[room] = members;
                    (created ??= []).Add(room);
                }

                members.Add(socketId);
                (joined ??= []).Add(room);
            }
        }

        Raise(created, joined, socketId, RoomCreated, SocketJoined);
    }

    /// <summary>Takes a local socket out of one room.</summary>
    public virtual void Del(string socketId, string room)
    {
        bool left;
        bool deleted = false;
        lock (_lock)
        {
            left = _sids.TryGetValue(socketId, out var socketRooms) && socketRooms.Remove(room);
            if (left && _rooms.TryGetValue(room, out var members))
            {
                members.Remove(socketId);
                if (members.Count == 0)
                {
                    _rooms.Remove(room);
                    deleted = true;
                }
            }
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
        HashSet<string>? left;
        lock (_lock)
        {
            if (!_sids.Remove(socketId, out left))
            {
                return;
            }

            foreach (var room in left)
            {
                if (_rooms.TryGetValue(room, out var members))
                {
                    members.Remove(socketId);
                    if (members.Count == 0)
                    {
                        _rooms.Remove(room);
                        (deleted ??= []).Add(room);
                    }
                }
            }
        }

        Raise(deleted, [.. left], socketId, RoomDeleted, SocketLeft);
    }

    /// <summary>Gets the rooms of a local socket (empty when it has none or is not here).</summary>
    public IReadOnlySet<string> SocketRooms(string socketId)
    {
        lock (_lock)
        {
            return _sids.TryGetValue(socketId, out var rooms)
                ? new HashSet<string>(rooms, StringComparer.Ordinal)
                : new HashSet<string>(StringComparer.Ordinal);
        }
    }

    /// <summary>Sends an event to the matching sockets: framed once, the same bytes for every recipient.</summary>
    public virtual void Broadcast(PacketPayload packet, BroadcastOptions options)
    {
        ArgumentNullException.ThrowIfNull(packet);
        ArgumentNullException.ThrowIfNull(options);
        var frames = packet.ToFrames(SocketIoPacketType.Event, Host.NamespaceName, ackId: null);
        var recipients = RentMatchingSocketIds(options, out var count);
        try
        {
            for (var i = 0; i < count; i++)
            {
                Host.Send(recipients[i], frames, options.Flags.Volatile);
            }
        }
        finally
        {
            ArrayPool<string>.Shared.Return(recipients, clearArray: true);
        }
    }

    /// <summary>
    /// Sends an event that asks for acknowledgements to the matching sockets. <paramref name="onClientCount"/> is
    /// called once per node with how many sockets it reached; <paramref name="onAck"/> once per answer.
    /// </summary>
    public virtual void BroadcastWithAck(PacketPayload packet, BroadcastOptions options, Action<int> onClientCount, Action<AckResponse> onAck)
    {
        ArgumentNullException.ThrowIfNull(packet);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(onClientCount);
        var timeout = options.Flags.Timeout ?? throw new ArgumentException("A broadcast with acknowledgements needs Flags.Timeout.", nameof(options));
        var ackId = Host.NextAckId();
        var frames = packet.ToFrames(SocketIoPacketType.Event, Host.NamespaceName, ackId);
        var reached = 0;
        foreach (var id in MatchingSocketIds(options))
        {
            if (Host.SendWithAck(id, frames, ackId, timeout, onAck))
            {
                reached++;
            }
        }

        onClientCount(reached);
    }

    /// <summary>Describes the matching sockets.</summary>
    public virtual ValueTask<IReadOnlyList<SocketDetails>> FetchSocketsAsync(BroadcastOptions options, CancellationToken cancellationToken = default)
    {
        var found = new List<SocketDetails>();
        foreach (var id in MatchingSocketIds(options))
        {
            if (Host.Describe(id) is { } details)
            {
                found.Add(details);
            }
        }

        return ValueTask.FromResult<IReadOnlyList<SocketDetails>>(found);
    }

    /// <summary>Makes the matching sockets join rooms.</summary>
    public virtual void AddSockets(BroadcastOptions options, IReadOnlyCollection<string> rooms)
    {
        foreach (var id in MatchingSocketIds(options))
        {
            AddAll(id, rooms);
        }
    }

    /// <summary>Makes the matching sockets leave rooms.</summary>
    public virtual void DelSockets(BroadcastOptions options, IReadOnlyCollection<string> rooms)
    {
        ArgumentNullException.ThrowIfNull(rooms);
        foreach (var id in MatchingSocketIds(options))
        {
            foreach (var room in rooms)
            {
                Del(id, room);
            }
        }
    }

    /// <summary>Disconnects the matching sockets; with <paramref name="close"/>, their connections too.</summary>
    public virtual void DisconnectSockets(BroadcastOptions options, bool close)
    {
        foreach (var id in MatchingSocketIds(options))
        {
            Host.Disconnect(id, close);
        }
    }

    /// <summary>Sends an event to the other nodes' server-side listeners. Alone, there are none.</summary>
    public virtual void ServerSideEmit(PacketPayload packet)
    {
    }

    /// <summary>
    /// Sends an event to the other nodes' server-side listeners and collects one answer per node. Alone, it completes
    /// at once with none.
    /// </summary>
    public virtual Task<IReadOnlyList<JsonElement>> ServerSideEmitWithAckAsync(PacketPayload packet, TimeSpan timeout)
        => Task.FromResult<IReadOnlyList<JsonElement>>([]);

    /// <summary>
    /// The ids of the sockets that match <paramref name="options"/>, in a pooled array (the first
    /// <paramref name="count"/> entries) that the caller returns to <see cref="ArrayPool{T}.Shared"/>. The common
    /// cases — one room or the whole namespace, nothing excluded — copy the member set as is: nothing is allocated per
    /// recipient.
    /// </summary>
    private string[] RentMatchingSocketIds(BroadcastOptions options, out int count)
    {
        if (options.Except.IsEmpty && options.Rooms.Count <= 1)
        {
            lock (_lock)
            {
                ICollection<string>? members = options.Rooms.IsEmpty ? _sids.Keys
                    : _rooms.TryGetValue(options.Rooms.First(), out var room) ? room : null;
                count = members?.Count ?? 0;
                var rented = ArrayPool<string>.Shared.Rent(count);
                members?.CopyTo(rented, 0);
                return rented;
            }
        }

        var matching = MatchingSocketIds(options);
        count = matching.Count;
        var array = ArrayPool<string>.Shared.Rent(count);
        for (var i = 0; i < count; i++)
        {
            array[i] = matching[i];
        }

        return array;
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
                    excluded.UnionWith(members);
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
                    matched.UnionWith(members);
                }
            }

            if (excluded is not null)
            {
                matched.ExceptWith(excluded);
            }

            return [.. matched];
        }
    }

    private static void Raise(List<string>? rooms, List<string>? memberships, string socketId, Action<string>? roomEvent, Action<string, string>? socketEvent)
    {
        if (rooms is not null && roomEvent is not null)
        {
            foreach (var room in rooms)
            {
                roomEvent(room);
            }
        }

        if (memberships is not null && socketEvent is not null)
        {
            foreach (var room in memberships)
            {
                socketEvent(room, socketId);
            }
        }
    }
}
