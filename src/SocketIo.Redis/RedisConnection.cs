using Microsoft.Extensions.Logging;
using SocketIo.Adapters;
using SocketIo.Redis.Diagnostics;
using StackExchange.Redis;

namespace SocketIo.Redis;

/// <summary>
/// One Redis connection shared by the adapters of every namespace of a server: it connects once (in the background,
/// so a server starts while Redis is down), tells whether Redis is reachable now, and logs each change of that once —
/// not once per namespace or per message. Operations check <see cref="IsConnected"/> first and fail fast with
/// <see cref="AdapterUnavailableException"/> rather than queue behind a connection that is down; StackExchange.Redis
/// reconnects and resubscribes by itself, and <see cref="StateChanged"/> tells the adapters when it did.
/// </summary>
internal sealed partial class RedisConnection : IAsyncDisposable
{
    private readonly Lock _lock = new();
    private readonly ILogger _logger;
    private readonly bool _owned;
    private readonly Task<IConnectionMultiplexer> _connecting;

    /// <summary>The state last reported: 1 when Redis was reachable, 0 when not, -1 before the first report.</summary>
    private int _reported = -1;

    private IConnectionMultiplexer? _multiplexer;

    private RedisConnection(Task<IConnectionMultiplexer> connecting, bool owned, ILogger logger)
    {
        _logger = logger;
        _owned = owned;
        _connecting = Attach(connecting);
        RedisTelemetry.Register(this);
    }

    /// <summary>Raised (on a worker thread) when Redis becomes reachable (true) or unreachable (false).</summary>
    public event Action<bool>? StateChanged;

    /// <summary>Gets whether Redis is reachable now.</summary>
    public bool IsConnected => _multiplexer?.IsConnected == true;

    /// <summary>
    /// Connects with a StackExchange.Redis configuration string. The connection is this object's: disposing it closes
    /// the connection. A first connection that fails is retried in the background, as later ones are.
    /// </summary>
    public static RedisConnection Connect(string configuration, ILogger logger)
    {
        ArgumentException.ThrowIfNullOrEmpty(configuration);
        var options = ConfigurationOptions.Parse(configuration);

        // Start while Redis is down and keep retrying. Commands still queue while a connection is being made (the
        // subscription connection is made on first use): the adapters fail fast themselves, by IsConnected.
        options.AbortOnConnectFail = false;
        return new RedisConnection(ConnectAsync(options), owned: true, logger);
    }

    /// <summary>Uses an application's own connection, which stays the application's to dispose.</summary>
    public static RedisConnection Use(IConnectionMultiplexer multiplexer, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(multiplexer);
        return new RedisConnection(Task.FromResult(multiplexer), owned: false, logger);
    }

    /// <summary>Gets the connection once it exists (it may not be connected yet).</summary>
    public Task<IConnectionMultiplexer> GetAsync() => _connecting;

    /// <summary>Throws <see cref="AdapterUnavailableException"/> while Redis is unreachable.</summary>
    public void ThrowIfDisconnected(string nsp)
    {
        if (!IsConnected)
        {
            throw new AdapterUnavailableException(UnreachableMessage(nsp));
        }
    }

    /// <summary>
    /// Publishes a message of <paramref name="nsp"/>'s adapter: <see cref="AdapterUnavailableException"/> at once while
    /// Redis is unreachable or when the connection fails under it, and every publish, sent or failed, counted in the
    /// metrics.
    /// </summary>
    public async ValueTask PublishAsync(ISubscriber subscriber, RedisChannel channel, RedisValue payload, string nsp, CancellationToken cancellationToken)
    {
        try
        {
            ThrowIfDisconnected(nsp);
            await subscriber.PublishAsync(channel, payload).WaitAsync(cancellationToken).ConfigureAwait(false);
            RedisTelemetry.Published();
        }
        catch (RedisConnectionException e)
        {
            var unavailable = new AdapterUnavailableException(UnreachableMessage(nsp), e);
            RedisTelemetry.PublishFailed(unavailable);
            throw unavailable;
        }
        catch (Exception e)
        {
            RedisTelemetry.PublishFailed(e);
            throw;
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        RedisTelemetry.Unregister(this);
        IConnectionMultiplexer multiplexer;
        try
        {
            multiplexer = await _connecting.ConfigureAwait(false);
        }
#pragma warning disable CA1031 // A connection that never came has nothing to close.
        catch (Exception)
#pragma warning restore CA1031
        {
            return;
        }

        multiplexer.ConnectionFailed -= OnConnectionChanged;
        multiplexer.ConnectionRestored -= OnConnectionChanged;
        if (_owned)
        {
            await multiplexer.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static async Task<IConnectionMultiplexer> ConnectAsync(ConfigurationOptions options)
        => await ConnectionMultiplexer.ConnectAsync(options).ConfigureAwait(false);

    private async Task<IConnectionMultiplexer> Attach(Task<IConnectionMultiplexer> connecting)
    {
        var multiplexer = await connecting.ConfigureAwait(false);
        _multiplexer = multiplexer;
        multiplexer.ConnectionFailed += OnConnectionChanged;
        multiplexer.ConnectionRestored += OnConnectionChanged;
        Report();
        return multiplexer;
    }

    private void OnConnectionChanged(object? sender, ConnectionFailedEventArgs e) => Report();

    /// <summary>Compares the state with the one last reported and, when it changed, logs it once and tells the adapters.</summary>
    private void Report()
    {
        bool connected;
        lock (_lock)
        {
            connected = IsConnected;
            var state = connected ? 1 : 0;
            if (state == _reported)
            {
                return;
            }

            var first = _reported == -1;
            _reported = state;
            if (connected && !first)
            {
                Log.Reconnected(_logger);
            }
            else if (!connected)
            {
                Log.Unreachable(_logger);
            }
        }

        StateChanged?.Invoke(connected);
    }

    private static partial class Log
    {
        [LoggerMessage(600, LogLevel.Warning, "Redis is unreachable: cluster-wide operations fail until it returns; this server keeps serving its own clients.")]
        public static partial void Unreachable(ILogger logger);

        [LoggerMessage(601, LogLevel.Information, "Redis is reachable again: cross-node traffic resumes.")]
        public static partial void Reconnected(ILogger logger);
    }

    private static string UnreachableMessage(string nsp) =>
        $"Redis is unreachable: the cluster-wide operation on {nsp} failed; this node's own sockets are still served.";
}
