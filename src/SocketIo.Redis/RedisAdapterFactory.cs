using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SocketIo.Adapters;
using StackExchange.Redis;

namespace SocketIo.Redis;

/// <summary>
/// Creates the classic Redis adapter of each namespace of one server, all on one Redis connection.
/// <c>AddSocketIo().AddRedisAdapter(…)</c> registers one; create one yourself only to build a server by hand. Use one
/// per server: two servers of one process on one connection would be counted as one.
/// </summary>
public sealed class RedisAdapterFactory : IAdapterFactory, IAsyncDisposable
{
    private readonly RedisConnection _connection;
    private readonly RedisAdapterOptions _options;

    /// <summary>Connects with a StackExchange.Redis configuration string (e.g. <c>127.0.0.1:6379</c>); the connection is the factory's.</summary>
    public RedisAdapterFactory(string configuration, RedisAdapterOptions? options = null, ILoggerFactory? loggerFactory = null)
        : this(RedisConnection.Connect(configuration, CreateLogger(loggerFactory)), options)
    {
    }

    /// <summary>Uses an existing connection, which stays the caller's to dispose.</summary>
    public RedisAdapterFactory(IConnectionMultiplexer redis, RedisAdapterOptions? options = null, ILoggerFactory? loggerFactory = null)
        : this(RedisConnection.Use(redis, CreateLogger(loggerFactory)), options)
    {
    }

    private RedisAdapterFactory(RedisConnection connection, RedisAdapterOptions? options)
    {
        _connection = connection;
        _options = options ?? new RedisAdapterOptions();
        ArgumentException.ThrowIfNullOrEmpty(_options.Key, nameof(options));
    }

    /// <summary>Gets whether Redis is reachable now (a health check reads it: degraded while false).</summary>
    public bool IsConnected => _connection.IsConnected;

    /// <inheritdoc />
    public Adapter Create(IAdapterHost host) => new RedisAdapter(host, _connection, _options);

    /// <summary>Closes the connection if the factory opened it.</summary>
    public ValueTask DisposeAsync() => _connection.DisposeAsync();

    internal static ILogger CreateLogger(ILoggerFactory? loggerFactory)
        => (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger("SocketIo.Redis");
}
