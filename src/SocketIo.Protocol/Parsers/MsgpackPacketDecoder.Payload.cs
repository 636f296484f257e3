using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.InteropServices;
using System.Text.Json;
using MessagePack;
using SocketIo.Protocol.Msgpack;
using SocketIo.Protocol.Packets;

namespace SocketIo.Protocol.Parsers;

/// <summary>The payload: its MessagePack type checked against the packet type, then converted to JSON.</summary>
internal sealed partial class MsgpackPacketDecoder
{
    /// <summary>
    /// Checks <c>data</c> against the packet type as the package's decoder does, and converts it. Binary values in
    /// an EVENT or ACK become attachments; in a CONNECT or CONNECT_ERROR, which have none, the Buffer JSON.
    /// </summary>
    private bool TryReadData(SocketIoPacketType type, ReadOnlyMemory<byte>? value, out DecodedPayload payload, [NotNullWhen(false)] out string? error)
    {
        payload = DecodedPayload.None;
        var kind = value is { } bytes ? new MessagePackReader(bytes).NextMessagePackType : MessagePackType.Unknown;
        var fits = type switch
        {
            SocketIoPacketType.Connect => value is null || kind == MessagePackType.Map,
            SocketIoPacketType.Disconnect => value is null,
            SocketIoPacketType.ConnectError => kind is MessagePackType.String or MessagePackType.Map,
            _ => kind == MessagePackType.Array,
        };
        if (!fits)
        {
            error = "invalid payload";
            return false;
        }

        if (value is null)
        {
            error = null;
            return true;
        }

        var output = new ArrayBufferWriter<byte>(value.Value.Length + 16);
        var attachments = new List<ReadOnlyMemory<byte>>();
        using (var json = new Utf8JsonWriter(output, SocketIoJson.WriterOptions))
        {
            var reader = new MessagePackReader(value.Value);
            if (!MsgpackToJson.TryRead(ref reader, json, attachments, _maxDepth, timestamps: false, out error))
            {
                return false;
            }
        }

        if (attachments.Count > 0 && type is SocketIoPacketType.Connect or SocketIoPacketType.ConnectError)
        {
            var stringified = new ArrayBufferWriter<byte>(output.WrittenCount * 2);
            using (var json = new Utf8JsonWriter(stringified, SocketIoJson.WriterOptions))
            {
                PlaceholderJson.WriteStringified(json, output.WrittenMemory, attachments);
            }

            output = stringified;
            attachments.Clear();
        }

        var jsonReader = new Utf8JsonReader(output.WrittenSpan, new JsonReaderOptions { MaxDepth = _maxDepth + 1 });
        payload = new DecodedPayload(JsonElement.ParseValue(ref jsonReader), [.. attachments.Select(AsArray)]);
        error = null;
        return true;
    }

    /// <summary>
    /// What the Node server does with a packet its parser accepted: a reason to drop it (<see langword="null"/> to
    /// deliver it), or, through <paramref name="error"/>, a reason to refuse it.
    /// </summary>
    private static string? CheckPayload(SocketIoPacketType type, JsonElement? data, long? ackId, out string? error)
    {
        error = null;
        switch (type)
        {
            case SocketIoPacketType.Event:
                // Node emits whatever the first element is: with none, or one that is no string or number, only its
                // catch-all listeners run, and a .NET catch-all listener takes a name.
                if (data is not { } array || array.GetArrayLength() == 0)
                {
                    return "EVENT without an event name";
                }

                var name = array[0];
                if (name.ValueKind is not (JsonValueKind.String or JsonValueKind.Number))
                {
                    return "event name is not a string or a number";
                }

                if (ReservedEventNames.Contains(name))
                {
                    error = "reserved event name";
                }

                return null;

            case SocketIoPacketType.Ack when ackId is null:
                // Node looks the ack up by an undefined id, finds nothing and drops it.
                return "ACK without an ack id";

            default:
                return null;
        }
    }

    /// <summary>The bytes of an attachment as an array, without a copy when the memory is a whole array (as the converter makes them).</summary>
    private static byte[] AsArray(ReadOnlyMemory<byte> memory)
        => MemoryMarshal.TryGetArray(memory, out var segment) && segment.Offset == 0 && segment.Count == segment.Array!.Length
            ? segment.Array
            : memory.ToArray();

    /// <summary>A decoded <c>data</c> and the binary it held.</summary>
    private readonly record struct DecodedPayload(JsonElement? Data, byte[][] Attachments)
    {
        public static DecodedPayload None { get; } = new(null, []);
    }
}
