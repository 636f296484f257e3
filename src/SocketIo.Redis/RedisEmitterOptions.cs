namespace SocketIo.Redis;

/// <summary>Options of <see cref="RedisEmitter"/> (Node's <c>@socket.io/redis-emitter</c>).</summary>
public sealed class RedisEmitterOptions
{
    /// <summary>Gets or sets the prefix of every channel: the servers' adapters' key. The default is <c>socket.io</c>, Node's.</summary>
    public string Key { get; set; } = "socket.io";
}
