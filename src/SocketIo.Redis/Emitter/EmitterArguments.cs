using System.Buffers;
using System.Text.Json;
using SocketIo.Protocol.Packets;

namespace SocketIo.Redis.Emitter;

/// <summary>
/// Writes an emitter's event (<c>[name, …args]</c>) as a payload: <c>byte[]</c> and <c>ReadOnlyMemory&lt;byte&gt;</c>
/// arguments become binary attachments (native MessagePack binary on the wire), <see cref="JsonElement"/> is written as
/// is, anything else through System.Text.Json with the emitter's options, by its runtime type. Binary nested inside an
/// object is written as System.Text.Json writes it (base64).
/// </summary>
internal static class EmitterArguments
{
    public static PacketPayload Write(string eventName, object?[] args, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(eventName);
        ArgumentNullException.ThrowIfNull(args);
        var output = new ArrayBufferWriter<byte>(64);
        var attachments = new List<ReadOnlyMemory<byte>>();
        using (var writer = new Utf8JsonWriter(output, SocketIoJson.WriterOptions))
        {
            writer.WriteStartArray();
            writer.WriteStringValue(eventName);
            foreach (var arg in args)
            {
                switch (arg)
                {
                    case byte[] bytes:
                        SocketIoPacketEncoder.WritePlaceholder(writer, attachments.Count);
                        attachments.Add(bytes);
                        break;
                    case ReadOnlyMemory<byte> bytes:
                        SocketIoPacketEncoder.WritePlaceholder(writer, attachments.Count);
                        attachments.Add(bytes);
                        break;
                    case JsonElement element:
                        element.WriteTo(writer);
                        break;
                    case null:
                        writer.WriteNullValue();
                        break;
                    default:
                        JsonSerializer.Serialize(writer, arg, options.GetTypeInfo(arg.GetType()));
                        break;
                }
            }

            writer.WriteEndArray();
        }

        return new PacketPayload(output.WrittenMemory, attachments);
    }
}
