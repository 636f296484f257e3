using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using SocketIo.Protocol.Packets;

namespace SocketIo.Server.Internal;

/// <summary>
/// One server's serializer for event arguments: the application's <see cref="SocketIoOptions.JsonSerializerOptions"/>
/// (its converters, naming policy and type metadata), copied when the server is built and made read-only, with the
/// binary placeholder converter first so that <c>byte[]</c> values travel as attachments.
/// </summary>
internal sealed class SocketIoSerializer
{
    /// <summary>Options as <see cref="SocketIoJson.CreateSerializerOptions"/> makes them, for values bound outside a server.</summary>
    public static SocketIoSerializer Default { get; } = new(SocketIoJson.CreateSerializerOptions());

    public SocketIoSerializer(JsonSerializerOptions application)
    {
        ArgumentNullException.ThrowIfNull(application);
        var options = new JsonSerializerOptions(application);
        options.Converters.Insert(0, new ByteArrayPlaceholderConverter());

        // Options with no resolver at all (cleared by the application) get the default chain back.
        options.TypeInfoResolver ??= SocketIoJson.CreateSerializerOptions().TypeInfoResolver;
        options.MakeReadOnly();
        Options = options;
    }

    public JsonSerializerOptions Options { get; }

    /// <summary>The metadata of <typeparamref name="T"/>; throws <see cref="NotSupportedException"/> when no resolver has it.</summary>
    public JsonTypeInfo<T> GetTypeInfo<T>() => (JsonTypeInfo<T>)Options.GetTypeInfo(typeof(T));

    /// <summary>The metadata of <paramref name="type"/>; throws <see cref="NotSupportedException"/> when no resolver has it.</summary>
    public JsonTypeInfo GetTypeInfo(Type type) => Options.GetTypeInfo(type);
}
