using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using SocketIo.Protocol.Packets;

namespace SocketIo.Server.Internal;

/// <summary>Turns one JSON argument into a .NET value, resolving binary placeholders to their attachments.</summary>
internal static class ArgumentBinder
{
    /// <summary>Binds to <typeparamref name="T"/> with its metadata; raw JSON and binary need no serializer.</summary>
    public static T? Bind<T>(JsonElement value, JsonTypeInfo<T> info, IReadOnlyList<byte[]> attachments)
    {
        if (typeof(T) == typeof(JsonElement) || typeof(T) == typeof(object))
        {
            return (T)(object)value;
        }

        if (TryBindBinary(value, typeof(T), attachments, out var binary))
        {
            return (T)binary;
        }

        var previous = BinaryScope.Inbound;
        BinaryScope.Inbound = attachments;
        try
        {
            return value.Deserialize(info);
        }
        finally
        {
            BinaryScope.Inbound = previous;
        }
    }

    /// <summary>Binds to the type <paramref name="info"/> describes.</summary>
    public static object? Bind(JsonElement value, JsonTypeInfo info, IReadOnlyList<byte[]> attachments)
    {
        var type = info.Type;
        if (type == typeof(JsonElement) || type == typeof(object))
        {
            return value;
        }

        if (TryBindBinary(value, type, attachments, out var binary))
        {
            return binary;
        }

        var previous = BinaryScope.Inbound;
        BinaryScope.Inbound = attachments;
        try
        {
            return value.Deserialize(info);
        }
        finally
        {
            BinaryScope.Inbound = previous;
        }
    }

    /// <summary>The common binary case needs no serializer: the argument is the placeholder itself.</summary>
    private static bool TryBindBinary(JsonElement value, Type type, IReadOnlyList<byte[]> attachments, out object bytes)
    {
        bytes = null!;
        if (!AttachmentPlaceholder.TryGetIndex(value, out var num) || (uint)num >= (uint)attachments.Count)
        {
            return false;
        }

        var attachment = attachments[num];
        if (type == typeof(byte[]))
        {
            bytes = attachment;
        }
        else if (type == typeof(ReadOnlyMemory<byte>))
        {
            bytes = new ReadOnlyMemory<byte>(attachment);
        }
        else if (type == typeof(Memory<byte>))
        {
            bytes = new Memory<byte>(attachment);
        }
        else
        {
            return false;
        }

        return true;
    }
}
