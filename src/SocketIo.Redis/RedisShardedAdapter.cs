using Microsoft.Extensions.Logging;
using SocketIo.Adapters;
using SocketIo.Adapters.Cluster;
using SocketIo.Redis.Diagnostics;
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
public sealed partial class RedisShardedAdapter : ClusterAdapter
{
    private readonly RedisConnection _connection;
    private readonly ShardedChannels _channels;

    /// <summary>
    /// Runs subscription work one piece at a time (so a room created, deleted and created again ends subscribed), now or
    /// when Redis is back.
    /// </summary>
    private readonly SubscriptionKeeper _keeper;

    /// <summary>The subscriptions by channel: the namespace's, the private one and the rooms' (changed by the keeper's work only).</summary>
    private readonly Dictionary<string, ChannelMessageQueue> _subscriptions = new(StringComparer.Ordinal);

    /// <summary>The rooms whose channels this adapter wants (changed by the keeper's work only).</summary>
    private readonly HashSet<string> _wantedRooms = new(StringComparer.Ordinal);

    private readonly Lock _roomWorkLock = new();

    /// <summary>The room changes queued so far, in the order the rooms changed.</summary>
    private Task _roomWork = Task.CompletedTask;

    private ISubscriber? _subscriber;
    private IDatabase? _database;

    internal RedisShardedAdapter(IAdapterHost host, RedisConnection connection, RedisShardedAdapterOptions options)
        : base(host, options)
    {
        _connection = connection;
        _channels = new ShardedChannels(options.ChannelPrefix, host.NamespaceName, options.SubscriptionMode);
        _keeper = new SubscriptionKeeper(connection, host, SubscribeMissingAsync, () => IsClosed);
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
        await _keeper.EnsureAsync().ConfigureAwait(false);
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
        await WhenRoomsSettledAsync().ConfigureAwait(false);
        await _keeper.RunAsync(async () =>
        {
            foreach (var queue in _subscriptions.Values)
            {
                await _keeper.UnsubscribeAsync(queue).ConfigureAwait(false);
            }

            _subscriptions.Clear();
        }).ConfigureAwait(false);
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

        // The channel is passed as a key, so that on a Redis Cluster the command goes to the shard that owns its slot.
        var reply = await database.ExecuteAsync("PUBSUB", ["SHARDNUMSUB", (RedisKey)_channels.Main]).WaitAsync(cancellationToken).ConfigureAwait(false);
        return RedisReplies.SubscriberCount(reply);
    }

    /// <summary>
    /// Completes once every room change queued so far was handled (tests wait on it before they expect another node's
    /// broadcast to a room to arrive; the close waits on it before unsubscribing).
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

    private ValueTask PublishAsync(string channel, ClusterAdapterMessage message, CancellationToken cancellationToken)
        => _connection.PublishAsync(Subscriber, RedisChannel.Sharded(channel), ShardedMessageCodec.Encode(message), NamespaceName, cancellationToken);

    /// <summary>Subscribes (one channel per SSUBSCRIBE) to every channel wanted and not subscribed yet (keeper's work).</summary>
    private async Task SubscribeMissingAsync()
    {
        await EnsureSubscribedAsync(_channels.Main, isPrivate: false).ConfigureAwait(false);
        await EnsureSubscribedAsync(_channels.Private(Uid), isPrivate: true).ConfigureAwait(false);
        foreach (var room in _wantedRooms)
        {
            await EnsureSubscribedAsync(_channels.Room(room), isPrivate: false).ConfigureAwait(false);
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

    private void OnMessage(string channel, bool isPrivate, ChannelMessage message)
    {
        RedisTelemetry.Received();
        if (!ShardedMessageCodec.TryDecode(message.Message, NamespaceName, out var decoded, out var error))
        {
            RedisTelemetry.Malformed();
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
            _ = _keeper.EnsureAsync();
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

    /// <summary>Queues a room change behind the earlier ones (room events come synchronously, subscribing is not).</summary>
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

    private Task ChangeRoomAsync(string room, bool subscribe) => _keeper.RunAsync(async () =>
    {
        if (IsClosed || _subscriber is null)
        {
            return;
        }

        var channel = _channels.Room(room);
        if (subscribe)
        {
            // Wanted first: while Redis is down, the channel is subscribed with the rest when it returns.
            _wantedRooms.Add(room);
            if (_connection.IsConnected)
            {
                await EnsureSubscribedAsync(channel, isPrivate: false).ConfigureAwait(false);
            }
        }
        else if (_wantedRooms.Remove(room) && _subscriptions.Remove(channel, out var queue))
        {
            await _keeper.UnsubscribeAsync(queue).ConfigureAwait(false);
        }
    });

    private static partial class Log
    {
        [LoggerMessage(622, LogLevel.Warning, "The sharded Redis adapter of {Namespace} dropped a malformed message on {Channel}: {Error}")]
        public static partial void Malformed(ILogger logger, string @namespace, string channel, string error);
    }
}
