using System.Text.Json;
using SocketIo.Protocol.Packets;

namespace SocketIo.Server.Internal;

/// <summary>Turns one JSON argument into a .NET value, resolving binary placeholders to their attachments.</summary>
internal static class ArgumentBinder
{
    public static object? Bind(JsonElement value, Type type, IReadOnlyList<byte[]> attachments)
    {
        if (type == typeof(JsonElement))
        {
            return value;
        }

        if (type == typeof(object))
        {
            return value;
        }

        // The common binary case needs no serializer: the argument is the placeholder itself.
        if (AttachmentPlaceholder.TryGetIndex(value, out var num) && (uint)num < (uint)attachments.Count)
        {
            var bytes = attachments[num];
            if (type == typeof(byte[]))
            {
                return bytes;
            }

            if (type == typeof(ReadOnlyMemory<byte>))
            {
                return new ReadOnlyMemory<byte>(bytes);
            }

            if (type == typeof(Memory<byte>))
            {
                return new Memory<byte>(bytes);
            }
        }

        var previous = BinaryScope.Inbound;
        BinaryScope.Inbound = attachments;
        try
        {
            return value.Deserialize(type, SocketIoSerializer.Options);
        }
        finally
        {
            BinaryScope.Inbound = previous;
        }
    }
}
