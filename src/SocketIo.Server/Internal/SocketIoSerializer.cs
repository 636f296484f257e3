using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using SocketIo.Protocol.Packets;

namespace SocketIo.Server.Internal;

/// <summary>The serializer settings for event arguments: the protocol's JSON style plus binary placeholders.</summary>
internal static class SocketIoSerializer
{
    public static readonly JsonSerializerOptions Options = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(SocketIoJson.SerializerOptions)
        {
            TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
        };
        options.Converters.Add(new ByteArrayPlaceholderConverter());
        options.MakeReadOnly();
        return options;
    }
}
