using Microsoft.Extensions.Logging;
using SocketIo.Adapters;
using SocketIo.Adapters.Cluster;
using SocketIo.Redis.Sharded;
using StackExchange.Redis;

namespace SocketIo.Redis;

/// <summary>
/// The sharded Redis adapter of one namespace (Redis 7 <c>SPUBLISH</c>/<c>SSUBSCRIBE</c>), wire-compatible with
/// Node's <c>createShardedAdapter</c> of <c>@socket.io/redis-adapter</c> 8: the ClusterAdapter protocol, JSON unless a
/// message carries binary (then MessagePack), on <c>{prefix}#{nsp}#</c>, each node's private answer channel
/// <c>{prefix}#{nsp}#{uid}#</c> and, in the dynamic modes, one channel per room with local members. Servers are counted
/// by <c>PUBSUB SHARDNUMSUB</c> of the namespace's channel. Messages are handled in order per channel; a join and a
/// broadcast to the joined room travel on different channels and may be handled in either order (as with Node's own
/// sharded adapter on a Redis cluster). While Redis is unreachable, operations fail fast with
/// <see cref="AdapterUnavailableException"/>.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "The semaphore's wait handle is never created, so it holds nothing to dispose.")]
public sealed partial class RedisShardedAdapter : ClusterAdapter
{
    private readonly RedisConnection _connection;
    private readonly ShardedChannels _channels;

    /// <summary>Serializes subscribing and unsubscribing, so a room created, deleted and created again ends subscribed.</summary>
    private readonly SemaphoreSlim _subscribing = new(1, 1);

    /// <summary>The subscriptions by channel: the namespace's, the private one and the rooms' (guarded by <see cref="_subscribing"/>).</summary>
    private readonly Dictionary<string, ChannelMessageQueue> _subscriptions = new(StringComparer.Ordinal);

    /// <summary>The room channels this adapter wants, by room (guarded by <see cref="_subscribing"/>).</summary>
    private readonly HashSet<string> _wantedRooms = new(StringComparer.Ordinal);

    /// <summary>The work of subscribing and unsubscribing room channels, in the order the rooms changed.</summary>
    private Task _roomWork = Task.CompletedTask;

    private readonly Lock _roomWorkLock = new();

    private ISubscriber? _subscriber;
    private IDatabase? _database;

    internal RedisShardedAdapter(IAdapterHost host, RedisConnection connection, RedisShardedAdapterOptions options)
        : base(host, options)
    {
        _connection = connection;
        _channels = new ShardedChannels(options.ChannelPrefix, host.NamespaceName, options.SubscriptionMode);
        if (options.SubscriptionMode != ShardedSubscriptionMode.Static)
        {
            RoomCreated += OnRoomCreated;
            RoomDeleted += OnRoomDeleted;
        }
    }

    /// <inheritdoc />
    public override bool IsConnected => _connection.IsConnected;

    private string NamespaceName => Host.NamespaceName;

    private ISubscriber Subscriber => _subscriber ?? throw new InvalidOperationException("The adapter was not initialised.");

    /// <summary>Subscribes to the namespace's channel and the private one (and the rooms' in the dynamic modes).</summary>
    public override async ValueTask InitAsync(CancellationToken cancellationToken = default)
    {
        var multiplexer = await _connection.GetAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
        _subscriber = multiplexer.GetSubscriber();
        _database = multiplexer.GetDatabase();
        _connection.StateChanged += OnConnectionStateChanged;
        await SubscribeMissingAsync().ConfigureAwait(false);
    }

    /// <summary>Fails pending requests, then unsubscribes from every channel. Local operations keep working.</summary>
    public override async ValueTask CloseAsync()
    {
        if (IsClosed)
        {
            return;
        }

        await base.CloseAsync().ConfigureAwait(false);
        _connection.StateChanged -= OnConnectionStateChanged;
        Task rooms;
        lock (_roomWorkLock)
        {
            rooms = _roomWork;
        }

        await rooms.ConfigureAwait(false);
        if (!_connection.IsConnected)
        {
            // Made when Redis is reachable (the connection tells), rather than waiting here while the namespace waits.
            Log.SubscribeDeferred(Host.Logger, NamespaceName, "Redis is unreachable");
            return;
        }

        await _subscribing.WaitAsync().ConfigureAwait(false);
        try
        {
            foreach (var (channel, queue) in _subscriptions)
            {
                await UnsubscribeAsync(channel, queue).ConfigureAwait(false);
            }

            _subscriptions.Clear();
        }
        finally
        {
            _subscribing.Release();
        }
    }

    /// <summary>Counts the servers of the namespace: <c>PUBSUB SHARDNUMSUB</c> of its channel (this one included).</summary>
    public override async ValueTask<int> ServerCountAsync(CancellationToken cancellationToken = default)
    {
        if (IsClosed)
        {
            return 1;
        }

        _connection.ThrowIfDisconnected(NamespaceName);
        var database = _database ?? throw new InvalidOperationException("The adapter was not initialised.");
        var reply = await database.ExecuteAsync("PUBSUB", "SHARDNUMSUB", _channels.Main).WaitAsync(cancellationToken).ConfigureAwait(false);
        return RedisReplies.SubscriberCount(reply);
    }

    /// <summary>
    /// Completes once every room subscription asked for so far was made or dropped (tests wait on it before they
    /// expect another node's broadcast to a room to arrive).
    /// </summary>
    internal Task WhenRoomsSettledAsync()
    {
        lock (_roomWorkLock)
        {
            return _roomWork;
        }
    }

    /// <inheritdoc />
    protected override ValueTask PublishAsync(ClusterAdapterMessage message, CancellationToken cancellationToken)
        => PublishAsync(_channels.PublishChannel(message), message, cancellationToken);

    /// <inheritdoc />
    protected override ValueTask PublishResponseAsync(string requesterUid, ClusterAdapterMessage response, CancellationToken cancellationToken)
        => PublishAsync(_channels.Private(requesterUid), response, cancellationToken);

    private async ValueTask PublishAsync(string channel, ClusterAdapterMessage message, CancellationToken cancellationToken)
    {
        _connection.ThrowIfDisconnected(NamespaceName);
        try
        {
            await Subscriber.PublishAsync(RedisChannel.Sharded(channel), ShardedMessageCodec.Encode(message)).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (RedisConnectionException e)
        {
            throw new AdapterUnavailableException($"Redis is unreachable: the cluster-wide operation on {NamespaceName} failed; this node's own sockets are still served.", e);
        }
    }

    /// <summary>Subscribes (one channel per SSUBSCRIBE) to every channel wanted and not subscribed yet.</summary>
    private async Task SubscribeMissingAsync()
    {
        await _subscribing.WaitAsync().ConfigureAwait(false);
        try
        {
            if (IsClosed)
            {
                return;
            }

            await EnsureSubscribedAsync(_channels.Main, isPrivate: false).ConfigureAwait(false);
            await EnsureSubscribedAsync(_channels.Private(Uid), isPrivate: true).ConfigureAwait(false);
            foreach (var room in _wantedRooms)
            {
                await EnsureSubscribedAsync(_channels.Room(room), isPrivate: false).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            Log.SubscribeDeferred(Host.Logger, NamespaceName, e.Message);
        }
        finally
        {
            _subscribing.Release();
        }
    }

    private async Task EnsureSubscribedAsync(string channel, bool isPrivate)
    {
        if (_subscriptions.ContainsKey(channel))
        {
            return;
        }

        var queue = await Subscriber.SubscribeAsync(RedisChannel.Sharded(channel)).ConfigureAwait(false);
        queue.OnMessage(message => OnMessage(channel, isPrivate, message));
        _subscriptions[channel] = queue;
    }

    private async Task UnsubscribeAsync(string channel, ChannelMessageQueue queue)
    {
        try
        {
            await queue.UnsubscribeAsync().ConfigureAwait(false);
        }
#pragma warning disable CA1031 // Redis being down is no reason to fail; the subscription dies with the connection.
        catch (Exception e)
#pragma warning restore CA1031
        {
            Log.UnsubscribeFailed(Host.Logger, NamespaceName, channel, e);
        }
    }

    private void OnMessage(string channel, bool isPrivate, ChannelMessage message)
    {
        if (!ShardedMessageCodec.TryDecode(message.Message, NamespaceName, out var decoded, out var error))
        {
            Log.Malformed(Host.Logger, NamespaceName, channel, error);
            return;
        }

        // The private channel carries answers only.
        if (isPrivate && !decoded.IsResponse)
        {
            return;
        }

        _ = OnMessageAsync(decoded);
    }

    private void OnConnectionStateChanged(bool connected)
    {
        if (connected)
        {
            _ = SubscribeMissingAsync();
            return;
        }

        FailPendingRequests(new AdapterUnavailableException($"Redis became unreachable before every node answered a request on {NamespaceName}."));
    }

    /// <summary>A room got its first local member: in the dynamic modes, it gets its channel (socket-id rooms only in dynamic-private).</summary>
    private void OnRoomCreated(string room)
    {
        if (_channels.HasRoomChannel(IsLocalSocket(room)))
        {
            QueueRoomWork(room, subscribe: true);
        }
    }

    /// <summary>A room lost its last local member: its channel goes.</summary>
    private void OnRoomDeleted(string room) => QueueRoomWork(room, subscribe: false);

    private void QueueRoomWork(string room, bool subscribe)
    {
        lock (_roomWorkLock)
        {
            _roomWork = _roomWork.ContinueWith(
                _ => ChangeRoomAsync(room, subscribe),
                CancellationToken.None,
                TaskContinuationOptions.None,
                TaskScheduler.Default).Unwrap();
        }
    }

    private async Task ChangeRoomAsync(string room, bool subscribe)
    {
        await _subscribing.WaitAsync().ConfigureAwait(false);
        try
        {
            if (IsClosed || _subscriber is null)
            {
                return;
            }

            var channel = _channels.Room(room);
            if (subscribe)
            {
                _wantedRooms.Add(room);
                await EnsureSubscribedAsync(channel, isPrivate: false).ConfigureAwait(false);
            }
            else if (_wantedRooms.Remove(room) && _subscriptions.Remove(channel, out var queue))
            {
                await UnsubscribeAsync(channel, queue).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            // Subscribed again with the rest when Redis returns.
            Log.SubscribeDeferred(Host.Logger, NamespaceName, e.Message);
        }
        finally
        {
            _subscribing.Release();
        }
    }

    private static partial class Log
    {
        [LoggerMessage(620, LogLevel.Information, "The sharded Redis adapter of {Namespace} will subscribe when Redis is reachable: {Message}")]
        public static partial void SubscribeDeferred(ILogger logger, string @namespace, string message);

        [LoggerMessage(621, LogLevel.Debug, "The sharded Redis adapter of {Namespace} could not unsubscribe from {Channel}.")]
        public static partial void UnsubscribeFailed(ILogger logger, string @namespace, string channel, Exception exception);

        [LoggerMessage(622, LogLevel.Warning, "The sharded Redis adapter of {Namespace} dropped a malformed message on {Channel}: {Error}")]
        public static partial void Malformed(ILogger logger, string @namespace, string channel, string error);
    }
}
