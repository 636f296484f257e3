using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using SocketIo.Protocol.Packets;

namespace SocketIo.Server.Internal;

/// <summary>The serializer settings for event arguments: the protocol's JSON style plus binary placeholders.</summary>
internal static class SocketIoSerializer
{
    /// <summary>The settings for what the server writes.</summary>
    public static readonly JsonSerializerOptions Options = Create(lenientStrings: false);

    /// <summary>
    /// The settings for binding what a client sent: strings read as <c>JSON.parse</c> reads them, so an escaped lone
    /// surrogate binds to a .NET string instead of failing.
    /// </summary>
    public static readonly JsonSerializerOptions ReadOptions = Create(lenientStrings: true);

    private static JsonSerializerOptions Create(bool lenientStrings)
    {
        var options = new JsonSerializerOptions(SocketIoJson.SerializerOptions)
        {
            TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
        };
        options.Converters.Add(new ByteArrayPlaceholderConverter());
        if (lenientStrings)
        {
            options.Converters.Add(new LenientStringConverter());
        }

        options.MakeReadOnly();
        return options;
    }
}
