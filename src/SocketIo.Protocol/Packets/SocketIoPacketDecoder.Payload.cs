using System.Text.Json;

namespace SocketIo.Protocol.Packets;

/// <summary>The payload phase: one JSON value, fitting the packet type, with placeholders that point somewhere.</summary>
public sealed partial class SocketIoPacketDecoder
{
    /// <summary>Event names a client may not send: the server emits these itself (as in the Node parser).</summary>
    private static readonly string[] s_reservedEventNames =
        ["connect", "connect_error", "disconnect", "disconnecting", "newListener", "removeListener"];

    /// <summary>Reader options: JSON.parse's grammar (no comments, no trailing commas), one level deeper than the limit.</summary>
    private JsonReaderOptions ReaderOptions => new() { MaxDepth = _maxDepth + 1 };

    private bool TryReadPayload(ReadOnlySpan<byte> json, in PacketHeader header, out JsonElement? data, out string? error)
    {
        data = null;
        if (!json.IsEmpty)
        {
            if (!TryValidateJson(json, out error))
            {
                return false;
            }

            // Second pass over text known to be valid: ParseValue copies it into a standalone element.
            var reader = new Utf8JsonReader(json, ReaderOptions);
            data = JsonElement.ParseValue(ref reader);
        }

        return TryCheckPayloadType(header, data, _protocolVersion, out error)
            && TryCheckPlaceholders(json, data, header.AttachmentCount, out error);
    }

    /// <summary>
    /// Checks that <paramref name="json"/> is exactly one JSON value (whitespace around it allowed, as JSON.parse does),
    /// no deeper than the limit, and that no string holds an escaped lone surrogate, which .NET cannot read back.
    /// </summary>
    private bool TryValidateJson(ReadOnlySpan<byte> json, out string? error)
    {
        var reader = new Utf8JsonReader(json, ReaderOptions);
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    // The depth is checked here rather than left to the reader, whose limit is one level higher,
                    // so that this case gets its own message. CurrentDepth counts from 0 at the root.
                    case JsonTokenType.StartArray or JsonTokenType.StartObject when reader.CurrentDepth >= _maxDepth:
                        error = "JSON payload nested too deeply";
                        return false;

                    case JsonTokenType.String or JsonTokenType.PropertyName when reader.ValueIsEscaped && LoneSurrogateEscapes.Contains(reader.ValueSpan):
                        error = "lone surrogate in JSON string";
                        return false;
                }
            }
        }
        catch (JsonException)
        {
            // Syntax errors and trailing data.
            error = "invalid JSON payload";
            return false;
        }

        error = null;
        return true;
    }

    /// <summary>The payload rules of the Node parser, per type (absent means no JSON after the header).</summary>
    private static bool TryCheckPayloadType(in PacketHeader header, JsonElement? data, SocketIoProtocolVersion version, out string? error)
    {
        var kind = data?.ValueKind ?? JsonValueKind.Undefined;
        error = header.Type switch
        {
            // CONNECT: no payload, or the auth object.
            SocketIoPacketType.Connect when kind is not (JsonValueKind.Undefined or JsonValueKind.Object) => "CONNECT payload must be an object",

            // DISCONNECT: nothing.
            SocketIoPacketType.Disconnect when kind is not JsonValueKind.Undefined => "DISCONNECT takes no payload",

            // EVENT, BINARY_EVENT: [name, ...args], the name a number or a string that is not reserved.
            SocketIoPacketType.Event or SocketIoPacketType.BinaryEvent => CheckEventPayload(data),

            // ACK, BINARY_ACK: an array of arguments, answering an id.
            SocketIoPacketType.Ack or SocketIoPacketType.BinaryAck when kind is not JsonValueKind.Array => "ACK payload must be an array",
            SocketIoPacketType.Ack or SocketIoPacketType.BinaryAck when header.AckId is null => "ACK without an ack id",

            // CONNECT_ERROR: {"message": ...} or, from older servers, a string. Protocol v4's ERROR carries whatever
            // the server's error held: any value, or nothing.
            SocketIoPacketType.ConnectError when version == SocketIoProtocolVersion.V5 && kind is not (JsonValueKind.Object or JsonValueKind.String)
                => "CONNECT_ERROR payload must be an object or a string",

            _ => null,
        };
        return error is null;
    }

    private static string? CheckEventPayload(JsonElement? data)
    {
        if (data is not { ValueKind: JsonValueKind.Array } array || array.GetArrayLength() == 0)
        {
            return "EVENT payload must be a non-empty array";
        }

        var name = array[0];
        if (name.ValueKind == JsonValueKind.Number)
        {
            return null;
        }

        if (name.ValueKind != JsonValueKind.String)
        {
            return "event name must be a string or a number";
        }

        foreach (var reserved in s_reservedEventNames)
        {
            if (name.ValueEquals(reserved))
            {
                return "reserved event name";
            }
        }

        return null;
    }

    /// <summary>
    /// Checks that every object with <c>"_placeholder": true</c> has an integer <c>num</c> in [0, count). A text
    /// packet has no attachments, so any placeholder in it points nowhere and is refused too: whatever reads the
    /// payload later can then trust every placeholder it meets.
    /// </summary>
    private static bool TryCheckPlaceholders(ReadOnlySpan<byte> json, JsonElement? data, int attachmentCount, out string? error)
    {
        error = null;

        // Cheap pre-check: a placeholder key is either spelled out or written with escapes.
        if (data is not { } root || (json.IndexOf("placeholder"u8) < 0 && json.IndexOf((byte)'\\') < 0))
        {
            return true;
        }

        // Iterative walk: the depth is bounded by MaxDepth, but the options may set that high.
        var pending = new Stack<JsonElement>();
        pending.Push(root);
        while (pending.TryPop(out var element))
        {
            if (element.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in element.EnumerateArray())
                {
                    if (item.ValueKind is JsonValueKind.Array or JsonValueKind.Object)
                    {
                        pending.Push(item);
                    }
                }
            }
            else if (element.ValueKind == JsonValueKind.Object)
            {
                // TryGetProperty takes the last of duplicate keys, as JavaScript and later readers of this element do.
                if (element.TryGetProperty("_placeholder"u8, out var marker) && marker.ValueKind == JsonValueKind.True)
                {
                    if (!element.TryGetProperty("num"u8, out var num)
                        || num.ValueKind != JsonValueKind.Number
                        || !num.TryGetInt32(out var index)
                        || index < 0
                        || index >= attachmentCount)
                    {
                        error = "placeholder pointing nowhere";
                        return false;
                    }

                    // The attachment replaces the whole object, so what else it holds does not matter.
                    continue;
                }

                foreach (var property in element.EnumerateObject())
                {
                    if (property.Value.ValueKind is JsonValueKind.Array or JsonValueKind.Object)
                    {
                        pending.Push(property.Value);
                    }
                }
            }
        }

        return true;
    }
}
