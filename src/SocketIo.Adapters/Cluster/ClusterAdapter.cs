using SocketIo.Adapters.Wire;
using SocketIo.Protocol.Packets;

namespace SocketIo.Adapters.Cluster;

/// <summary>
/// The base of every scale-out adapter, shaped after Node's <c>ClusterAdapter</c>: each cluster-wide operation is
/// published to the other nodes as a <see cref="ClusterAdapterMessage"/>, then applied locally (local sockets are
/// served even when publishing fails; the failure still surfaces); requests (fetch, server-side emit with
/// acknowledgement) carry a request id and wait for <c>server count − 1</c> answers, bounded by a timeout; broadcasts
/// with acknowledgements are counted per node. A transport adds only <see cref="PublishAsync"/>,
/// <see cref="PublishResponseAsync"/>, <see cref="ServerCountAsync"/> and, for each message it receives (its own echoes
/// included), a call to <see cref="OnMessageAsync"/>; the encoding is the transport's.
/// </summary>
public abstract partial class ClusterAdapter : Adapter
{
    /// <summary>Pending fetches by request id.</summary>
    private readonly PendingRequests<SocketDetails> _fetches = new("fetch_sockets");

    /// <summary>Pending server-side emits with acknowledgement by request id.</summary>
    private readonly PendingRequests<AckResponse> _emits = new("server_side_emit");

    /// <summary>Broadcasts with acknowledgements by request id, forgotten after their timeout.</summary>
    private readonly PendingAckBroadcasts _ackBroadcasts = new();

    private int _closed;

    /// <summary>Initializes the adapter of one namespace.</summary>
    protected ClusterAdapter(IAdapterHost host, ClusterAdapterOptions? options = null)
        : base(host)
    {
        Options = options ?? new ClusterAdapterOptions();
    }

    /// <summary>Gets this node's id in every message it sends: the server's id.</summary>
    public string Uid => Host.ServerId;

    /// <summary>Gets the options.</summary>
    protected ClusterAdapterOptions Options { get; }

    /// <summary>
    /// Gets a value indicating whether <see cref="CloseAsync"/> ran: from then on every operation acts on this node
    /// only (sockets still connected while the host stops keep working) and pending requests have failed.
    /// </summary>
    protected bool IsClosed => Volatile.Read(ref _closed) != 0;

    private string NamespaceName => Host.NamespaceName;

    /// <summary>Sends a message to every other node of the namespace.</summary>
    protected abstract ValueTask PublishAsync(ClusterAdapterMessage message, CancellationToken cancellationToken);

    /// <summary>Sends an answer to the node whose id is <paramref name="requesterUid"/>.</summary>
    protected abstract ValueTask PublishResponseAsync(string requesterUid, ClusterAdapterMessage response, CancellationToken cancellationToken);

    /// <summary>Gets how many nodes serve the namespace, this one included (the transport knows).</summary>
    public abstract override ValueTask<int> ServerCountAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Fails the pending requests and stops publishing. A transport that overrides it calls this base too, then
    /// releases its subscriptions.
    /// </summary>
    public override ValueTask CloseAsync()
    {
        if (Interlocked.Exchange(ref _closed, 1) != 0)
        {
            return ValueTask.CompletedTask;
        }

        FailPendingRequests(new InvalidOperationException($"The adapter of {NamespaceName} closed before every node answered."));
        _ackBroadcasts.ForgetAll();
        return ValueTask.CompletedTask;
    }

    /// <summary>
    /// Fails the fetches and server-side emits waiting for answers, at once rather than at their timeout: the transport
    /// calls it when its bus went down, so no answer can come.
    /// </summary>
    protected void FailPendingRequests(Exception error)
    {
        _fetches.FailAll(error);
        _emits.FailAll(error);
    }

    /// <inheritdoc />
    public override ValueTask BroadcastAsync(PacketPayload packet, BroadcastOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(packet);
        ArgumentNullException.ThrowIfNull(options);
        return PublishThenApplyAsync(
            options,
            () => new ClusterBroadcast(packet, options) { Uid = Uid, Namespace = NamespaceName },
            () => BroadcastLocally(packet, options),
            cancellationToken);
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
            AdapterIds.NewHexId,
            timeout,
            Host.TimeProvider,
            onClientCount,
            onAck,
            requestId => PublishAsync(new ClusterBroadcast(packet, options, requestId) { Uid = Uid, Namespace = NamespaceName }, cancellationToken),
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
            requestId => new ClusterFetchSockets(options, requestId) { Uid = Uid, Namespace = NamespaceName },
            options.Flags.Timeout ?? Options.RequestsTimeout,
            cancellationToken).ConfigureAwait(false);
        return new FetchedSockets(local, remote);
    }

    /// <inheritdoc />
    public override ValueTask AddSocketsAsync(BroadcastOptions options, IReadOnlyCollection<string> rooms, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rooms);
        return PublishThenApplyAsync(
            options,
            () => new ClusterSocketsJoin(options, [.. rooms]) { Uid = Uid, Namespace = NamespaceName },
            () => AddSocketsLocally(options, rooms),
            cancellationToken);
    }

    /// <inheritdoc />
    public override ValueTask DelSocketsAsync(BroadcastOptions options, IReadOnlyCollection<string> rooms, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rooms);
        return PublishThenApplyAsync(
            options,
            () => new ClusterSocketsLeave(options, [.. rooms]) { Uid = Uid, Namespace = NamespaceName },
            () => DelSocketsLocally(options, rooms),
            cancellationToken);
    }

    /// <inheritdoc />
    public override ValueTask DisconnectSocketsAsync(BroadcastOptions options, bool close, CancellationToken cancellationToken = default)
        => PublishThenApplyAsync(
            options,
            () => new ClusterDisconnectSockets(options, close) { Uid = Uid, Namespace = NamespaceName },
            () => DisconnectSocketsLocally(options, close),
            cancellationToken);

    /// <inheritdoc />
    public override ValueTask ServerSideEmitAsync(PacketPayload packet, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(packet);
        return IsClosed
            ? ValueTask.CompletedTask
            : PublishAsync(new ClusterServerSideEmit(packet) { Uid = Uid, Namespace = NamespaceName }, cancellationToken);
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
            requestId => new ClusterServerSideEmit(packet, requestId) { Uid = Uid, Namespace = NamespaceName },
            timeout,
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Gets every room with a socket on any node: the local rooms, plus the rooms of every socket the other nodes
    /// describe in answer to a fetch (the ClusterAdapter protocol has no request of its own for rooms, and this way
    /// Node nodes answer too). A transport with a cheaper request overrides it.
    /// </summary>
    public override async ValueTask<IReadOnlySet<string>> AllRoomsAsync(CancellationToken cancellationToken = default)
    {
        var rooms = new HashSet<string>(Rooms, StringComparer.Ordinal);
        if (IsClosed)
        {
            return rooms;
        }

        var fetched = await FetchSocketsAsync(BroadcastOptions.All, cancellationToken).ConfigureAwait(false);
        foreach (var socket in fetched.Remote)
        {
            rooms.UnionWith(socket.Rooms);
        }

        return rooms;
    }

    /// <summary>Publishes (unless the operation is local or the adapter closed), then applies locally, whatever publishing did.</summary>
    private ValueTask PublishThenApplyAsync(BroadcastOptions options, Func<ClusterAdapterMessage> message, Action applyLocally, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        return ClusterOperations.PublishThenApplyAsync(!options.Flags.Local && !IsClosed, () => PublishAsync(message(), cancellationToken), applyLocally);
    }

    /// <summary>
    /// Publishes a request and waits for <c>server count − 1</c> answers; none are expected when this node is alone.
    /// </summary>
    private Task<IReadOnlyList<T>> RequestAsync<T>(
        PendingRequests<T> pending,
        Func<string, ClusterAdapterMessage> request,
        TimeSpan timeout,
        CancellationToken cancellationToken)
        => pending.RequestAsync(
            ServerCountAsync,
            AdapterIds.NewHexId,
            requestId => PublishAsync(request(requestId), cancellationToken),
            timeout,
            Host.TimeProvider,
            static (received, expected) => $"timeout reached: only {received} responses received out of {expected}",
            cancellationToken);
}
