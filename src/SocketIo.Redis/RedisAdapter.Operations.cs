using SocketIo.Adapters;
using SocketIo.Adapters.Cluster;
using SocketIo.Adapters.Wire;
using SocketIo.Protocol.Packets;
using SocketIo.Redis.Classic;
using SocketIo.Redis.Diagnostics;
using StackExchange.Redis;

namespace SocketIo.Redis;

/// <summary>The cluster-wide operations: publish (unless local or closed), then serve this node's sockets.</summary>
public sealed partial class RedisAdapter
{
    /// <inheritdoc />
    public override ValueTask BroadcastAsync(PacketPayload packet, BroadcastOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(packet);
        ArgumentNullException.ThrowIfNull(options);
        return PublishThenApplyAsync(
            options,
            () => PublishAsync(
                _channels.BroadcastChannelFor(options),
                ClassicBroadcastCodec.Encode(new ClassicBroadcast(Uid, new BroadcastPacket(packet, NamespaceName), options)),
                cancellationToken),
            () => BroadcastLocally(packet, options));
    }

    /// <inheritdoc />
    public override ValueTask BroadcastWithAckAsync(
        PacketPayload packet,
        BroadcastOptions options,
        Action<int> onClientCount,
        Action<AckResponse> onAck,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(packet);
        ArgumentNullException.ThrowIfNull(onClientCount);
        ArgumentNullException.ThrowIfNull(onAck);
        var timeout = RequireTimeout(options);
        return ClusterOperations.BroadcastWithAckAsync(
            !options.Flags.Local && !IsClosed,
            _ackBroadcasts,
            AdapterIds.NewShortId,
            timeout,
            Host.TimeProvider,
            onClientCount,
            onAck,
            requestId => PublishRequestAsync(new BroadcastWithAckRequest(Uid, requestId, new BroadcastPacket(packet, NamespaceName), options), cancellationToken),
            () => BroadcastWithAckLocally(packet, options, timeout, onAck));
    }

    /// <inheritdoc />
    public override async ValueTask<FetchedSockets> FetchSocketsAsync(BroadcastOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var local = MatchingSocketIds(options);
        if (options.Flags.Local || IsClosed)
        {
            return new FetchedSockets(local, []);
        }

        var remote = await RequestAsync(
            _fetches,
            requestId => new RemoteFetchRequest(Uid, requestId, options),
            options.Flags.Timeout ?? _options.RequestsTimeout,
            static (_, _) => "timeout reached while waiting for fetchSockets response",
            cancellationToken).ConfigureAwait(false);
        return new FetchedSockets(local, remote);
    }

    /// <inheritdoc />
    public override ValueTask AddSocketsAsync(BroadcastOptions options, IReadOnlyCollection<string> rooms, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(rooms);
        return PublishThenApplyAsync(
            options,
            () => PublishRequestAsync(new RemoteJoinRequest(Uid, options, [.. rooms]), cancellationToken),
            () => AddSocketsLocally(options, rooms));
    }

    /// <inheritdoc />
    public override ValueTask DelSocketsAsync(BroadcastOptions options, IReadOnlyCollection<string> rooms, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(rooms);
        return PublishThenApplyAsync(
            options,
            () => PublishRequestAsync(new RemoteLeaveRequest(Uid, options, [.. rooms]), cancellationToken),
            () => DelSocketsLocally(options, rooms));
    }

    /// <inheritdoc />
    public override ValueTask DisconnectSocketsAsync(BroadcastOptions options, bool close, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        return PublishThenApplyAsync(
            options,
            () => PublishRequestAsync(new RemoteDisconnectRequest(Uid, options, close), cancellationToken),
            () => DisconnectSocketsLocally(options, close));
    }

    /// <inheritdoc />
    public override ValueTask ServerSideEmitAsync(PacketPayload packet, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(packet);
        return IsClosed ? ValueTask.CompletedTask : PublishRequestAsync(new ServerSideEmitRequest(Uid, packet), cancellationToken);
    }

    /// <inheritdoc />
    public override async ValueTask<IReadOnlyList<AckResponse>> ServerSideEmitWithAckAsync(PacketPayload packet, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(packet);
        if (IsClosed)
        {
            return [];
        }

        return await RequestAsync(
            _emits,
            requestId => new ServerSideEmitRequest(Uid, packet, requestId),
            timeout,
            static (received, expected) => $"timeout reached: only {received} responses received out of {expected}",
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Gets every room of every node: the classic protocol asks the other nodes for their rooms (request type 1).</summary>
    public override async ValueTask<IReadOnlySet<string>> AllRoomsAsync(CancellationToken cancellationToken = default)
    {
        var rooms = new HashSet<string>(Rooms, StringComparer.Ordinal);
        if (IsClosed)
        {
            return rooms;
        }

        rooms.UnionWith(await RequestAsync(
            _allRooms,
            requestId => new AllRoomsRequest(Uid, requestId),
            _options.RequestsTimeout,
            static (_, _) => "timeout reached while waiting for allRooms response",
            cancellationToken).ConfigureAwait(false));
        return rooms;
    }

    /// <summary>Publishes (unless the operation is local or the adapter closed), then applies locally, whatever publishing did.</summary>
    private ValueTask PublishThenApplyAsync(BroadcastOptions options, Func<ValueTask> publish, Action applyLocally)
        => ClusterOperations.PublishThenApplyAsync(!options.Flags.Local && !IsClosed, publish, applyLocally);

    /// <summary>Publishes a request and waits for <c>server count − 1</c> answers; none are expected when this node is alone.</summary>
    private Task<IReadOnlyList<T>> RequestAsync<T>(
        PendingRequests<T> pending,
        Func<string, ClassicRequest> request,
        TimeSpan timeout,
        Func<int, int, string> timeoutMessage,
        CancellationToken cancellationToken)
        => pending.RequestAsync(
            ServerCountAsync,
            AdapterIds.NewShortId,
            requestId => PublishRequestAsync(request(requestId), cancellationToken),
            timeout,
            Host.TimeProvider,
            timeoutMessage,
            cancellationToken);

    private ValueTask PublishRequestAsync(ClassicRequest request, CancellationToken cancellationToken)
        => PublishAsync(_channels.Request, ClassicRequestCodec.Encode(request), cancellationToken);

    private ValueTask PublishAsync(string channel, byte[] payload, CancellationToken cancellationToken)
        => _connection.PublishAsync(Subscriber, RedisChannel.Literal(channel), payload, NamespaceName, cancellationToken);
}
