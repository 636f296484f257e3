using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace SocketIo.Server.Internal;

/// <summary>
/// A handler's result of declared type <typeparamref name="T"/>, written with that type's metadata (found when the
/// handler was registered), so a result declared as an interface or base type needs no metadata of its runtime type.
/// </summary>
internal sealed class TypedArgument<T>(T value, JsonTypeInfo<T> info) : ITypedArgument
{
    public void Write(Utf8JsonWriter writer, List<ReadOnlyMemory<byte>> attachments, SocketIoSerializer serializer)
        => ArgumentWriter.WriteSerialized(writer, value, info, attachments);
}
