using System.Collections.Immutable;
using System.Text.Json;
using SocketIo.Adapters;
using SocketIo.Redis.Classic;
using SocketIo.Redis.Emitter;
using StackExchange.Redis;
using SocketIo.Protocol.Packets;

namespace SocketIo.Redis;

/// <summary>
/// Which sockets of one namespace an emitter reaches, and how: immutable, each of <see cref="To(string)"/>,
/// <see cref="Except(string)"/>, <see cref="Volatile"/> and <see cref="Compress"/> returns a new operator. Obtained
/// from <see cref="RedisEmitter"/>.
/// </summary>
public sealed class RedisEmitterOperator
{
    private readonly ISubscriber _redis;
    private readonly ClassicChannels _channels;
    private readonly BroadcastOptions _options;
    private readonly JsonSerializerOptions _serializer;

    internal RedisEmitterOperator(ISubscriber redis, ClassicChannels channels, BroadcastOptions options, JsonSerializerOptions serializer)
    {
        _redis = redis;
        _channels = channels;
        _options = options;
        _serializer = serializer;
    }

    /// <summary>Adds a room whose sockets receive (the union of all rooms added; none: every socket of the namespace).</summary>
    public RedisEmitterOperator To(string room)
    {
        ArgumentNullException.ThrowIfNull(room);
        return With(_options with { Rooms = _options.Rooms.Add(room) });
    }

    /// <summary>Adds rooms whose sockets receive.</summary>
    public RedisEmitterOperator To(IEnumerable<string> rooms)
    {
        ArgumentNullException.ThrowIfNull(rooms);
        return With(_options with { Rooms = _options.Rooms.Union(rooms) });
    }

    /// <summary>The same as <see cref="To(string)"/>.</summary>
    public RedisEmitterOperator In(string room) => To(room);

    /// <summary>Leaves out the sockets in <paramref name="room"/>.</summary>
    public RedisEmitterOperator Except(string room)
    {
        ArgumentNullException.ThrowIfNull(room);
        return With(_options with { Except = _options.Except.Add(room) });
    }

    /// <summary>Leaves out the sockets in any of <paramref name="rooms"/>.</summary>
    public RedisEmitterOperator Except(IEnumerable<string> rooms)
    {
        ArgumentNullException.ThrowIfNull(rooms);
        return With(_options with { Except = _options.Except.Union(rooms) });
    }

    /// <summary>Gets an operator whose events may be dropped for clients that cannot take them right now.</summary>
    public RedisEmitterOperator Volatile => With(_options with { Flags = _options.Flags with { Volatile = true } });

    /// <summary>Returns an operator that asks for per-message compression (the default) or not.</summary>
    public RedisEmitterOperator Compress(bool compress) => With(_options with { Flags = _options.Flags with { Compress = compress } });

    /// <summary>
    /// Sends an event to the selected sockets on every server. <c>byte[]</c> arguments travel as binary. Completes when
    /// Redis took it; no acknowledgement can come back.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="eventName"/> is reserved (<c>connect</c>, <c>disconnect</c>…).</exception>
    public Task EmitAsync(string eventName, params object?[] args)
    {
        ReservedEventNames.ThrowIfReserved(eventName);
        return PublishAsync(EmitterMessages.Emit(_channels, EmitterArguments.Write(eventName, args, _serializer), _options));
    }

    /// <summary>Makes the selected sockets join rooms, on every server.</summary>
    public Task SocketsJoinAsync(params string[] rooms)
    {
        ArgumentNullException.ThrowIfNull(rooms);
        return PublishAsync(EmitterMessages.SocketsJoin(_channels, _options, rooms));
    }

    /// <summary>Makes the selected sockets leave rooms, on every server.</summary>
    public Task SocketsLeaveAsync(params string[] rooms)
    {
        ArgumentNullException.ThrowIfNull(rooms);
        return PublishAsync(EmitterMessages.SocketsLeave(_channels, _options, rooms));
    }

    /// <summary>Disconnects the selected sockets, on every server; with <paramref name="close"/>, their connections too.</summary>
    public Task DisconnectSocketsAsync(bool close = false) => PublishAsync(EmitterMessages.DisconnectSockets(_channels, _options, close));

    internal Task PublishAsync(EmitterMessage message) => _redis.PublishAsync(RedisChannel.Literal(message.Channel), message.Payload);

    private RedisEmitterOperator With(BroadcastOptions options) => new(_redis, _channels, options, _serializer);
}
