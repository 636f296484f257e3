using System.Text.Json;

namespace SocketIo.Protocol.Packets;

/// <summary>The payload phase: one JSON value, fitting the packet type, with placeholders that point somewhere.</summary>
public sealed partial class SocketIoPacketDecoder
{
    /// <summary>Reader options: JSON.parse's grammar (no comments, no trailing commas), one level deeper than the limit.</summary>
    private JsonReaderOptions ReaderOptions => new() { MaxDepth = _maxDepth + 1 };

    /// <summary>
    /// Reads and checks the payload. Returns <see langword="false"/> with an error for a packet to refuse; otherwise
    /// <paramref name="ignoreReason"/> is null for a packet to deliver, or says why the Node reference drops it.
    /// </summary>
    private bool TryReadPayload(ReadOnlySpan<byte> json, in PacketHeader header, out JsonElement? data, out string? ignoreReason, out string? error)
    {
        data = null;
        ignoreReason = null;
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

        return TryCheckPayloadType(header, data, _protocolVersion, out ignoreReason, out error)
            && TryCheckPlaceholders(json, data, header.AttachmentCount, out error);
    }

    /// <summary>
    /// Checks that <paramref name="json"/> is exactly one JSON value (whitespace around it allowed, as JSON.parse does)
    /// and no deeper than the limit. Escaped lone surrogates are fine, as in JSON.parse: readers of the payload go
    /// through <see cref="JsonStrings"/>.
    /// </summary>
    private bool TryValidateJson(ReadOnlySpan<byte> json, out string? error)
    {
        var reader = new Utf8JsonReader(json, ReaderOptions);
        try
        {
            while (reader.Read())
            {
                // The depth is checked here rather than left to the reader, whose limit is one level higher, so that
                // this case gets its own message. CurrentDepth counts from 0 at the root.
                if (reader.TokenType is JsonTokenType.StartArray or JsonTokenType.StartObject && reader.CurrentDepth >= _maxDepth)
                {
                    error = "JSON payload nested too deeply";
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

    /// <summary>
    /// The payload rules of the Node reference, per type (absent means no JSON after the header). Where Node's parser
    /// accepts a packet that its server then drops, the packet is ignored rather than refused.
    /// </summary>
    private static bool TryCheckPayloadType(in PacketHeader header, JsonElement? data, SocketIoProtocolVersion version, out string? ignoreReason, out string? error)
    {
        var kind = data?.ValueKind ?? JsonValueKind.Undefined;
        ignoreReason = null;
        error = header.Type switch
        {
            // CONNECT: no payload, or the auth object.
            SocketIoPacketType.Connect when kind is not (JsonValueKind.Undefined or JsonValueKind.Object) => "CONNECT payload must be an object",

            // DISCONNECT: nothing.
            SocketIoPacketType.Disconnect when kind is not JsonValueKind.Undefined => "DISCONNECT takes no payload",

            // EVENT, BINARY_EVENT: [name, ...args], the name a number or a string that is not reserved. Without a
            // payload Node's server has no event to emit and drops the packet.
            SocketIoPacketType.Event or SocketIoPacketType.BinaryEvent => kind is JsonValueKind.Undefined ? null : CheckEventPayload(data),

            // ACK, BINARY_ACK: an array of arguments, or nothing (an answer with no arguments).
            SocketIoPacketType.Ack or SocketIoPacketType.BinaryAck when kind is not (JsonValueKind.Undefined or JsonValueKind.Array) => "ACK payload must be an array",

            // CONNECT_ERROR: {"message": ...} or, from older servers, a string. Protocol v4's ERROR carries whatever
            // the server's error held: any value, or nothing.
            SocketIoPacketType.ConnectError when version == SocketIoProtocolVersion.V5 && kind is not (JsonValueKind.Object or JsonValueKind.String)
                => "CONNECT_ERROR payload must be an object or a string",

            _ => null,
        };
        if (error is not null)
        {
            return false;
        }

        ignoreReason = header.Type switch
        {
            SocketIoPacketType.Event or SocketIoPacketType.BinaryEvent when kind is JsonValueKind.Undefined => "EVENT without payload",

            // Node looks the ack up by an undefined id, finds nothing and drops it.
            SocketIoPacketType.Ack or SocketIoPacketType.BinaryAck when header.AckId is null => "ACK without an ack id",
            _ => null,
        };
        return true;
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

        return ReservedEventNames.Contains(name) ? "reserved event name" : null;
    }

    /// <summary>
    /// In a binary packet, checks that every placeholder (<see cref="AttachmentPlaceholder"/>) names an announced
    /// attachment. Node's parser finds out only once the attachments have arrived, and then closes the connection;
    /// refusing the header at once ends the same way without holding attachments for a packet that cannot be
    /// delivered. In a text packet, as in Node, a placeholder is plain data: nothing replaces it.
    /// </summary>
    private static bool TryCheckPlaceholders(ReadOnlySpan<byte> json, JsonElement? data, int attachmentCount, out string? error)
    {
        error = null;

        // Cheap pre-check: a placeholder key is either spelled out or written with escapes.
        if (attachmentCount == 0 || data is not { } root || (json.IndexOf("placeholder"u8) < 0 && json.IndexOf((byte)'\\') < 0))
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
                if (AttachmentPlaceholder.TryGetIndex(element, out var num))
                {
                    if ((uint)num >= (uint)attachmentCount)
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
