using System.Text.Json;

namespace SocketIo.Server.Internal;

/// <summary>A value to write with a declared type's metadata rather than its runtime type's (a handler's result).</summary>
internal interface ITypedArgument
{
    void Write(Utf8JsonWriter writer, List<ReadOnlyMemory<byte>> attachments, SocketIoSerializer serializer);
}
