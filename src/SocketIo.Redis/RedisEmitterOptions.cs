using System.Text.Json;
using SocketIo.Protocol.Packets;

namespace SocketIo.Redis;

/// <summary>Options of <see cref="RedisEmitter"/> (Node's <c>@socket.io/redis-emitter</c>).</summary>
public sealed class RedisEmitterOptions
{
    /// <summary>Gets or sets the prefix of every channel: the servers' adapters' key. The default is <c>socket.io</c>, Node's.</summary>
    public string Key { get; set; } = "socket.io";

    /// <summary>
    /// Gets the serializer options arguments are written with (other than <c>byte[]</c>, <c>ReadOnlyMemory&lt;byte&gt;</c>
    /// and <see cref="JsonElement"/>, written as they are); the emitter copies them when it is created. Use the servers'
    /// settings so clients see the same JSON; for Native AOT insert a <c>JsonSerializerContext</c> of your types first
    /// in <see cref="JsonSerializerOptions.TypeInfoResolverChain"/>. The default is
    /// <see cref="SocketIoJson.CreateSerializerOptions"/> (camelCase names).
    /// </summary>
    public JsonSerializerOptions JsonSerializerOptions { get; } = SocketIoJson.CreateSerializerOptions();
}
