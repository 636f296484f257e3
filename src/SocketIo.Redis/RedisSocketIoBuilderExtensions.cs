using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using SocketIo.Adapters;
using StackExchange.Redis;

namespace SocketIo.Redis;

/// <summary>Adds a Redis adapter to the Socket.IO server: <c>builder.Services.AddSocketIo().AddRedisAdapter("127.0.0.1:6379")</c>.</summary>
public static class RedisSocketIoBuilderExtensions
{
    /// <summary>
    /// Uses the classic Redis adapter (Node's <c>createAdapter</c>) with a connection of its own, made from a
    /// StackExchange.Redis configuration string. The server starts even while Redis is down, and joins the cluster when
    /// it comes up.
    /// </summary>
    public static ISocketIoBuilder AddRedisAdapter(this ISocketIoBuilder builder, string configuration, Action<RedisAdapterOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(configuration);
        return Replace(builder, provider => new RedisAdapterFactory(configuration, Configure(configure), provider.GetService<ILoggerFactory>()));
    }

    /// <summary>Uses the classic Redis adapter on an existing connection (which stays the application's to dispose).</summary>
    public static ISocketIoBuilder AddRedisAdapter(this ISocketIoBuilder builder, IConnectionMultiplexer redis, Action<RedisAdapterOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(redis);
        return Replace(builder, provider => new RedisAdapterFactory(redis, Configure(configure), provider.GetService<ILoggerFactory>()));
    }

    /// <summary>
    /// Uses the sharded Redis adapter (Node's <c>createShardedAdapter</c>, Redis 7 sharded pub/sub) with a connection of
    /// its own, made from a StackExchange.Redis configuration string.
    /// </summary>
    public static ISocketIoBuilder AddRedisShardedAdapter(this ISocketIoBuilder builder, string configuration, Action<RedisShardedAdapterOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(configuration);
        return Replace(builder, provider => new RedisShardedAdapterFactory(configuration, Configure(configure), provider.GetService<ILoggerFactory>()));
    }

    /// <summary>Uses the sharded Redis adapter on an existing connection (which stays the application's to dispose).</summary>
    public static ISocketIoBuilder AddRedisShardedAdapter(this ISocketIoBuilder builder, IConnectionMultiplexer redis, Action<RedisShardedAdapterOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(redis);
        return Replace(builder, provider => new RedisShardedAdapterFactory(redis, Configure(configure), provider.GetService<ILoggerFactory>()));
    }

    private static T Configure<T>(Action<T>? configure)
        where T : new()
    {
        var options = new T();
        configure?.Invoke(options);
        return options;
    }

    /// <summary>Registers the factory (the container disposes it, and the connection it made, when the host stops).</summary>
    private static ISocketIoBuilder Replace<T>(ISocketIoBuilder builder, Func<IServiceProvider, T> factory)
        where T : class, IAdapterFactory
    {
        builder.Services.RemoveAll<IAdapterFactory>();
        builder.Services.AddSingleton(factory);
        builder.Services.AddSingleton<IAdapterFactory>(static provider => provider.GetRequiredService<T>());
        return builder;
    }
}
