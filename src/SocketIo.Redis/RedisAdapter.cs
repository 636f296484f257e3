using Microsoft.Extensions.Logging;
using SocketIo.Adapters;
using SocketIo.Adapters.Cluster;
using SocketIo.Adapters.Wire;
using SocketIo.Redis.Classic;
using StackExchange.Redis;

namespace SocketIo.Redis;

/// <summary>
/// The classic Redis adapter of one namespace, wire-compatible with Node's <c>@socket.io/redis-adapter</c> 8
/// (<c>createAdapter</c>) and <c>@socket.io/redis-emitter</c> 5: our nodes and Node nodes share one cluster.
/// <list type="bullet">
/// <item>Broadcasts go to <c>{key}#{nsp}#</c>, or <c>{key}#{nsp}#{room}#</c> for exactly one room, as MessagePack
/// <c>[uid, packet, opts]</c>; requests (join, leave, disconnect, fetch, all rooms, server-side emit, broadcast with
/// acknowledgements) to <c>{key}-request#{nsp}#</c>; answers to the shared or the requester's response channel.</item>
/// <item>Servers are counted by <c>PUBSUB NUMSUB</c> of the request channel, which every node subscribes to once.</item>
/// <item>Everything a node receives for the namespace comes through one pattern subscription, so it is handled in the
/// order Redis delivered it (a join, then a broadcast to that room, arrive in that order), which separate
/// subscriptions would not guarantee.</item>
/// <item>Joins, leaves and disconnects are applied on this node at once and published; this node skips their echo.</item>
/// <item>While Redis is unreachable, cluster-wide operations throw <see cref="AdapterUnavailableException"/> at once
/// (after serving this node's sockets) and pending requests fail; StackExchange.Redis reconnects and resubscribes by
/// itself.</item>
/// </list>
/// </summary>
public sealed partial class RedisAdapter : Adapter
{
    private readonly RedisConnection _connection;
    private readonly RedisAdapterOptions _options;
    private readonly ClassicChannels _channels;

    /// <summary>Pending all-rooms requests by request id.</summary>
    private readonly PendingRequests<string> _allRooms = new("all_rooms");

    /// <summary>Pending fetches by request id.</summary>
    private readonly PendingRequests<SocketDetails> _fetches = new("fetch_sockets");

    /// <summary>Pending server-side emits with acknowledgement by request id.</summary>
    private readonly PendingRequests<AckResponse> _emits = new("server_side_emit");

    /// <summary>This node's broadcasts with acknowledgements by request id.</summary>
    private readonly PendingAckBroadcasts _ackBroadcasts = new();

    /// <summary>Makes the subscriptions, one piece of work at a time, now or when Redis is back.</summary>
    private readonly SubscriptionKeeper _subscriptions;

    private ISubscriber? _subscriber;
    private IDatabase? _database;

    /// <summary>The connected primaries when Redis is a cluster; none for a single server (or a primary with replicas).</summary>
    private Func<IServer[]>? _clusterPrimaries;
    private ChannelMessageQueue? _messages;
    private ChannelMessageQueue? _requestCount;
    private int _closed;

    internal RedisAdapter(IAdapterHost host, RedisConnection connection, RedisAdapterOptions options)
        : base(host)
    {
        _connection = connection;
        _options = options;
        _channels = new ClassicChannels(options.Key, host.NamespaceName);
        Uid = AdapterIds.NewShortId();
        _subscriptions = new SubscriptionKeeper(connection, host, SubscribeMissingAsync, () => IsClosed);
    }

    /// <summary>Gets this adapter's id in what it publishes (6 characters, as Node's <c>uid2(6)</c>; one per namespace and server).</summary>
    public string Uid { get; }

    /// <inheritdoc />
    public override bool IsConnected => _connection.IsConnected;

    private bool IsClosed => Volatile.Read(ref _closed) != 0;

    private string NamespaceName => Host.NamespaceName;

    /// <summary>
    /// Subscribes: the namespace's pattern (broadcasts, requests and answers, in delivery order) and the request channel
    /// exactly, so that other nodes count this one. While Redis is down the subscriptions are made as soon as it returns.
    /// </summary>
    public override async ValueTask InitAsync(CancellationToken cancellationToken = default)
    {
        var multiplexer = await _connection.GetAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
        _subscriber = multiplexer.GetSubscriber();
        _database = multiplexer.GetDatabase();
        _clusterPrimaries = () => [.. multiplexer.GetServers().Where(static s => s.ServerType == ServerType.Cluster && !s.IsReplica && s.IsConnected)];
        _connection.StateChanged += OnConnectionStateChanged;
        await _subscriptions.EnsureAsync().ConfigureAwait(false);
    }

    /// <summary>Fails pending requests, forgets pending acknowledgements and unsubscribes. Local operations keep working.</summary>
    public override async ValueTask CloseAsync()
    {
        if (Interlocked.Exchange(ref _closed, 1) != 0)
        {
            return;
        }

        _connection.StateChanged -= OnConnectionStateChanged;
        FailPendingRequests(new InvalidOperationException($"The adapter of {NamespaceName} closed before every node answered."));
        _ackBroadcasts.ForgetAll();
        await _subscriptions.RunAsync(async () =>
        {
            foreach (var queue in new[] { _messages, _requestCount })
            {
                if (queue is not null)
                {
                    await _subscriptions.UnsubscribeAsync(queue).ConfigureAwait(false);
                }
            }
        }).ConfigureAwait(false);
    }

    /// <summary>
    /// Counts the servers of the namespace: <c>PUBSUB NUMSUB</c> of the request channel (this one included), summed over
    /// the primaries of a Redis Cluster (each node counts only the subscribers connected to it), as Node does.
    /// </summary>
    public override async ValueTask<int> ServerCountAsync(CancellationToken cancellationToken = default)
    {
        if (IsClosed)
        {
            return 1;
        }

        _connection.ThrowIfDisconnected(NamespaceName);
        var primaries = _clusterPrimaries?.Invoke() ?? [];
        if (primaries.Length == 0)
        {
            var reply = await Database.ExecuteAsync("PUBSUB", "NUMSUB", _channels.Request).WaitAsync(cancellationToken).ConfigureAwait(false);
            return RedisReplies.SubscriberCount(reply);
        }

        var count = 0;
        foreach (var primary in primaries)
        {
            count += RedisReplies.SubscriberCount(await primary.ExecuteAsync("PUBSUB", "NUMSUB", _channels.Request).WaitAsync(cancellationToken).ConfigureAwait(false));
        }

        return count;
    }

    private ISubscriber Subscriber => _subscriber ?? throw new InvalidOperationException("The adapter was not initialised.");

    private IDatabase Database => _database ?? throw new InvalidOperationException("The adapter was not initialised.");

    /// <summary>Subscribes what is not yet: the namespace's pattern, then the request channel (the keeper serializes and retries).</summary>
    private async Task SubscribeMissingAsync()
    {
        if (_messages is null)
        {
            var messages = await Subscriber.SubscribeAsync(RedisChannel.Pattern(_channels.NamespacePattern)).ConfigureAwait(false);
            messages.OnMessage(OnMessage);
            _messages = messages;
        }

        if (_requestCount is null)
        {
            var requests = await Subscriber.SubscribeAsync(RedisChannel.Literal(_channels.Request)).ConfigureAwait(false);

            // Only there to be counted: every request also arrives through the pattern, in order with the rest.
            requests.OnMessage(static _ => { });
            _requestCount = requests;
        }
    }

    private void OnConnectionStateChanged(bool connected)
    {
        if (connected)
        {
            if (_messages is null || _requestCount is null)
            {
                _ = _subscriptions.EnsureAsync();
            }

            return;
        }

        FailPendingRequests(new AdapterUnavailableException($"Redis became unreachable before every node answered a request on {NamespaceName}."));
    }

    private void FailPendingRequests(Exception error)
    {
        _allRooms.FailAll(error);
        _fetches.FailAll(error);
        _emits.FailAll(error);
    }

    private static partial class Log
    {
        [LoggerMessage(612, LogLevel.Warning, "The Redis adapter of {Namespace} dropped a malformed message on {Channel}: {Error}")]
        public static partial void Malformed(ILogger logger, string @namespace, string channel, string error);

        [LoggerMessage(613, LogLevel.Warning, "The Redis adapter of {Namespace} could not handle a message on {Channel}.")]
        public static partial void HandlingFailed(ILogger logger, string @namespace, string channel, Exception exception);

        [LoggerMessage(614, LogLevel.Warning, "The Redis adapter of {Namespace} could not send an answer to another node; it will time out waiting.")]
        public static partial void AnswerFailed(ILogger logger, string @namespace, Exception exception);
    }
}
