using System.Text.Json;
using SocketIo.Adapters;
using SocketIo.Redis.Classic;
using SocketIo.Redis.Emitter;
using StackExchange.Redis;
using SocketIo.Protocol.Packets;

namespace SocketIo.Redis;

/// <summary>
/// Sends to the sockets of Socket.IO servers that use the classic Redis adapter — ours or Node's — from any process,
/// with no web host (a console app, a worker), as Node's <c>@socket.io/redis-emitter</c> 5 does and byte for byte what
/// it publishes. It never subscribes, so no server counts it and no acknowledgement reaches it.
/// <code>
/// var emitter = new RedisEmitter(await ConnectionMultiplexer.ConnectAsync("127.0.0.1:6379"));
/// await emitter.To("room1").EmitAsync("time", DateTimeOffset.UtcNow);
/// await emitter.Of("/admin").ServerSideEmitAsync("reload");
/// </code>
/// </summary>
public sealed class RedisEmitter
{
    private readonly ISubscriber _redis;
    private readonly RedisEmitterOptions _options;
    private readonly RedisEmitterOperator _all;
    private readonly JsonSerializerOptions _serializer;

    /// <summary>Creates an emitter for the namespace <c>/</c> on an existing connection (which stays the caller's).</summary>
    public RedisEmitter(IConnectionMultiplexer redis, RedisEmitterOptions? options = null)
        : this(redis?.GetSubscriber() ?? throw new ArgumentNullException(nameof(redis)), options ?? new RedisEmitterOptions(), EmitterMessages.DefaultNamespace, serializer: null)
    {
    }

    private RedisEmitter(ISubscriber redis, RedisEmitterOptions options, string nsp, JsonSerializerOptions? serializer)
    {
        ArgumentException.ThrowIfNullOrEmpty(options.Key, nameof(options));
        _redis = redis;
        _options = options;
        _serializer = serializer ?? ReadOnlyCopy(options.JsonSerializerOptions);
        Namespace = nsp;
        Channels = new ClassicChannels(options.Key, nsp);
        _all = new RedisEmitterOperator(redis, Channels, BroadcastOptions.All, _serializer);
    }

    /// <summary>Gets the namespace this emitter sends to, e.g. <c>/</c>.</summary>
    public string Namespace { get; }

    private ClassicChannels Channels { get; }

    /// <summary>Returns an emitter for another namespace; a missing leading <c>/</c> is added.</summary>
    public RedisEmitter Of(string nsp) => new(_redis, _options, EmitterMessages.NormalizeNamespace(nsp), _serializer);

    /// <summary>Selects the sockets in <paramref name="room"/>.</summary>
    public RedisEmitterOperator To(string room) => _all.To(room);

    /// <summary>Selects the sockets in any of <paramref name="rooms"/>.</summary>
    public RedisEmitterOperator To(IEnumerable<string> rooms) => _all.To(rooms);

    /// <summary>The same as <see cref="To(string)"/>.</summary>
    public RedisEmitterOperator In(string room) => _all.To(room);

    /// <summary>Selects every socket except those in <paramref name="room"/>.</summary>
    public RedisEmitterOperator Except(string room) => _all.Except(room);

    /// <summary>Gets an operator whose events may be dropped for clients that cannot take them right now.</summary>
    public RedisEmitterOperator Volatile => _all.Volatile;

    /// <summary>Returns an operator that asks for per-message compression (the default) or not.</summary>
    public RedisEmitterOperator Compress(bool compress) => _all.Compress(compress);

    /// <summary>Sends an event to every socket of the namespace on every server; see <see cref="RedisEmitterOperator.EmitAsync"/>.</summary>
    public Task EmitAsync(string eventName, params object?[] args) => _all.EmitAsync(eventName, args);

    /// <summary>Makes every socket of the namespace join rooms, on every server.</summary>
    public Task SocketsJoinAsync(params string[] rooms) => _all.SocketsJoinAsync(rooms);

    /// <summary>Makes every socket of the namespace leave rooms, on every server.</summary>
    public Task SocketsLeaveAsync(params string[] rooms) => _all.SocketsLeaveAsync(rooms);

    /// <summary>Disconnects every socket of the namespace, on every server; with <paramref name="close"/>, their connections too.</summary>
    public Task DisconnectSocketsAsync(bool close = false) => _all.DisconnectSocketsAsync(close);

    /// <summary>
    /// Sends an event to the namespace's server-side listeners on every server (Node's <c>io.on(event)</c>, our
    /// <c>OnServerSideEmit</c>). No acknowledgement can come back to an emitter.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="eventName"/> is reserved.</exception>
    public Task ServerSideEmitAsync(string eventName, params object?[] args)
    {
        ReservedEventNames.ThrowIfReserved(eventName);
        return _all.PublishAsync(EmitterMessages.ServerSideEmit(Channels, EmitterArguments.Write(eventName, args, _serializer)));
    }

    /// <summary>The options as they are now, read-only: what the application changes later does not reach this emitter.</summary>
    private static JsonSerializerOptions ReadOnlyCopy(JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var copy = new JsonSerializerOptions(options);
        copy.TypeInfoResolver ??= SocketIoJson.CreateSerializerOptions().TypeInfoResolver;
        copy.MakeReadOnly();
        return copy;
    }
}
