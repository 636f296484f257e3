using System.Buffers;
using SocketIo.Adapters.Diagnostics;
using SocketIo.Protocol.Engine;
using SocketIo.Protocol.Packets;

namespace SocketIo.Adapters;

/// <summary>
/// The cluster-wide operations, each virtual and asynchronous (this base applies them on this node only), and the
/// local primitives a scale-out adapter applies a received message with.
/// </summary>
public abstract partial class Adapter
{
    /// <summary>Sends an event to the matching sockets: framed once, the same bytes for every local recipient.</summary>
    public virtual ValueTask BroadcastAsync(PacketPayload packet, BroadcastOptions options, CancellationToken cancellationToken = default)
    {
        BroadcastLocally(packet, options);
        return ValueTask.CompletedTask;
    }

    /// <summary>
    /// Sends an event that asks for acknowledgements to the matching sockets. <paramref name="onClientCount"/> is
    /// called once per node with how many sockets the event was queued to there; <paramref name="onAck"/> once per
    /// answer. <see cref="BroadcastFlags.Timeout"/> is required.
    /// </summary>
    public virtual ValueTask BroadcastWithAckAsync(
        PacketPayload packet,
        BroadcastOptions options,
        Action<int> onClientCount,
        Action<AckResponse> onAck,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(onClientCount);
        onClientCount(BroadcastWithAckLocally(packet, options, RequireTimeout(options), onAck));
        return ValueTask.CompletedTask;
    }

    /// <summary>Finds the matching sockets: ids on this node, descriptions from the others.</summary>
    public virtual ValueTask<FetchedSockets> FetchSocketsAsync(BroadcastOptions options, CancellationToken cancellationToken = default)
        => ValueTask.FromResult(new FetchedSockets(MatchingSocketIds(options), []));

    /// <summary>Makes the matching sockets join rooms.</summary>
    public virtual ValueTask AddSocketsAsync(BroadcastOptions options, IReadOnlyCollection<string> rooms, CancellationToken cancellationToken = default)
    {
        AddSocketsLocally(options, rooms);
        return ValueTask.CompletedTask;
    }

    /// <summary>Makes the matching sockets leave rooms.</summary>
    public virtual ValueTask DelSocketsAsync(BroadcastOptions options, IReadOnlyCollection<string> rooms, CancellationToken cancellationToken = default)
    {
        DelSocketsLocally(options, rooms);
        return ValueTask.CompletedTask;
    }

    /// <summary>Disconnects the matching sockets; with <paramref name="close"/>, their connections too.</summary>
    public virtual ValueTask DisconnectSocketsAsync(BroadcastOptions options, bool close, CancellationToken cancellationToken = default)
    {
        DisconnectSocketsLocally(options, close);
        return ValueTask.CompletedTask;
    }

    /// <summary>
    /// Sends an event (<paramref name="packet"/> is <c>[event, …args]</c>) to the namespace's server-side listeners on
    /// the other nodes; never to this node's. Alone, there are none.
    /// </summary>
    public virtual ValueTask ServerSideEmitAsync(PacketPayload packet, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(packet);
        return ValueTask.CompletedTask;
    }

    /// <summary>
    /// Sends an event to the other nodes' server-side listeners and collects one answer per node. Alone, it completes
    /// at once with none.
    /// </summary>
    /// <exception cref="AdapterTimeoutException">Some node did not answer within <paramref name="timeout"/>.</exception>
    public virtual ValueTask<IReadOnlyList<AckResponse>> ServerSideEmitWithAckAsync(PacketPayload packet, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(packet);
        return ValueTask.FromResult<IReadOnlyList<AckResponse>>([]);
    }

    /// <summary>Gets every room that has a socket on any node (Node's <c>allRooms()</c>; socket-id rooms included).</summary>
    public virtual ValueTask<IReadOnlySet<string>> AllRoomsAsync(CancellationToken cancellationToken = default)
        => ValueTask.FromResult<IReadOnlySet<string>>(new HashSet<string>(Rooms, StringComparer.Ordinal));

    /// <summary>Delivers an event to the matching local sockets, framed once with the host's parser.</summary>
    protected void BroadcastLocally(PacketPayload packet, BroadcastOptions options)
    {
        ArgumentNullException.ThrowIfNull(packet);
        ArgumentNullException.ThrowIfNull(options);
        var recipients = RentMatchingSocketIds(options, out var count);
        AdapterTelemetry.Broadcast(this, count);
        if (count == 0)
        {
            ArrayPool<string>.Shared.Return(recipients);
            return;
        }

        SendAll(recipients, count, Encode(packet, options, ackId: null), options.Flags.Volatile);
    }

    /// <summary>
    /// Delivers an event already framed with the host's parser to the matching local sockets: for an adapter that
    /// frames a broadcast itself (to store the frames, say).
    /// </summary>
    protected void BroadcastFramesLocally(EngineFrame[] frames, BroadcastOptions options)
    {
        ArgumentNullException.ThrowIfNull(frames);
        ArgumentNullException.ThrowIfNull(options);
        var recipients = RentMatchingSocketIds(options, out var count);
        SendAll(recipients, count, frames, options.Flags.Volatile);
    }

    /// <summary>
    /// Delivers an event that asks for acknowledgements to the matching local sockets with one fresh ack id, and
    /// returns how many it was queued to: only those can answer, so only those are counted.
    /// </summary>
    protected int BroadcastWithAckLocally(PacketPayload packet, BroadcastOptions options, TimeSpan timeout, Action<AckResponse> onAck)
    {
        ArgumentNullException.ThrowIfNull(packet);
        ArgumentNullException.ThrowIfNull(onAck);
        var recipients = MatchingSocketIds(options);
        if (recipients.Count == 0)
        {
            AdapterTelemetry.Broadcast(this, 0);
            return 0;
        }

        var ackId = Host.NextAckId();
        var frames = Encode(packet, options, ackId);
        var reached = 0;
        foreach (var id in recipients)
        {
            if (Host.SendWithAck(id, frames, ackId, timeout, onAck))
            {
                reached++;
            }
        }

        AdapterTelemetry.Broadcast(this, reached);
        return reached;
    }

    /// <summary>Frames an event once for every recipient; without per-message compression when the emitter said <c>compress(false)</c>.</summary>
    private protected EngineFrame[] Encode(PacketPayload packet, BroadcastOptions options, long? ackId)
    {
        var frames = Host.Parser.EncodeEvent(Host.NamespaceName, packet, ackId);
        if (!options.Flags.Compress)
        {
            for (var i = 0; i < frames.Length; i++)
            {
                frames[i] = frames[i].WithoutCompression();
            }
        }

        return frames;
    }

    /// <summary>Makes the matching local sockets join rooms.</summary>
    protected void AddSocketsLocally(BroadcastOptions options, IReadOnlyCollection<string> rooms)
    {
        ArgumentNullException.ThrowIfNull(rooms);
        foreach (var id in MatchingSocketIds(options))
        {
            AddAll(id, rooms);
        }
    }

    /// <summary>Makes the matching local sockets leave rooms.</summary>
    protected void DelSocketsLocally(BroadcastOptions options, IReadOnlyCollection<string> rooms)
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

    /// <summary>Disconnects the matching local sockets.</summary>
    protected void DisconnectSocketsLocally(BroadcastOptions options, bool close)
    {
        foreach (var id in MatchingSocketIds(options))
        {
            Host.Disconnect(id, close);
        }
    }

    /// <summary>Describes the matching local sockets for another node (what it gets in answer to a fetch).</summary>
    protected IReadOnlyList<SocketDetails> DescribeLocalSockets(BroadcastOptions options)
    {
        var found = new List<SocketDetails>();
        foreach (var id in MatchingSocketIds(options))
        {
            if (Host.Describe(id) is { } details)
            {
                found.Add(details);
            }
        }

        return found;
    }

    /// <summary>Gets the timeout a broadcast with acknowledgements carries, or throws a clear error without one.</summary>
    protected static TimeSpan RequireTimeout(BroadcastOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.Flags.Timeout ?? throw new ArgumentException("A broadcast with acknowledgements needs Flags.Timeout.", nameof(options));
    }

    /// <summary>Sends the same frames to the first <paramref name="count"/> recipients, then returns the pooled array.</summary>
    private void SendAll(string[] recipients, int count, EngineFrame[] frames, bool isVolatile)
    {
        try
        {
            for (var i = 0; i < count; i++)
            {
                Host.Send(recipients[i], frames, isVolatile);
            }
        }
        finally
        {
            ArrayPool<string>.Shared.Return(recipients, clearArray: true);
        }
    }

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
                if (options.Rooms.IsEmpty)
                {
                    count = _sids.Count;
                    var everyone = ArrayPool<string>.Shared.Rent(count);
                    _sids.Keys.CopyTo(everyone, 0);
                    return everyone;
                }

                _rooms.TryGetValue(options.Rooms.First(), out var room);
                count = room.Count;
                var rented = ArrayPool<string>.Shared.Rent(count);
                room.CopyTo(rented, 0);
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
}
