using Microsoft.Extensions.Logging;
using SocketIo.Adapters;
using StackExchange.Redis;

namespace SocketIo.Redis;

/// <summary>
/// Creates the sharded Redis adapter of each namespace of one server, all on one Redis connection.
/// <c>AddSocketIo().AddRedisShardedAdapter(…)</c> registers one. Use one per server.
/// </summary>
public sealed class RedisShardedAdapterFactory : IAdapterFactory, IAsyncDisposable
{
    private readonly RedisConnection _connection;
    private readonly RedisShardedAdapterOptions _options;

    /// <summary>Connects with a StackExchange.Redis configuration string (e.g. <c>127.0.0.1:6379</c>); the connection is the factory's.</summary>
    public RedisShardedAdapterFactory(string configuration, RedisShardedAdapterOptions? options = null, ILoggerFactory? loggerFactory = null)
        : this(RedisConnection.Connect(configuration, RedisAdapterFactory.CreateLogger(loggerFactory)), options)
    {
    }

    /// <summary>Uses an existing connection, which stays the caller's to dispose.</summary>
    public RedisShardedAdapterFactory(IConnectionMultiplexer redis, RedisShardedAdapterOptions? options = null, ILoggerFactory? loggerFactory = null)
        : this(RedisConnection.Use(redis, RedisAdapterFactory.CreateLogger(loggerFactory)), options)
    {
    }

    private RedisShardedAdapterFactory(RedisConnection connection, RedisShardedAdapterOptions? options)
    {
        _connection = connection;
        _options = options ?? new RedisShardedAdapterOptions();
        ArgumentException.ThrowIfNullOrEmpty(_options.ChannelPrefix, nameof(options));
    }

    /// <summary>Gets whether Redis is reachable now (a health check reads it: degraded while false).</summary>
    public bool IsConnected => _connection.IsConnected;

    /// <inheritdoc />
    public Adapter Create(IAdapterHost host) => new RedisShardedAdapter(host, _connection, _options);

    /// <summary>Closes the connection if the factory opened it.</summary>
    public ValueTask DisposeAsync() => _connection.DisposeAsync();
}
