using System.Text.Json;

namespace SocketIo.Protocol.Packets;

/// <summary>
/// The payload of the CONNECT_ERROR packet (type 4, ERROR in protocol v4) by which the server refuses a namespace.
/// </summary>
public static class ConnectErrorPayload
{
    /// <summary>
    /// Writes the object form, <c>{"message":…,"data":…}</c> with <c>data</c> left out when <paramref name="data"/> is
    /// <see langword="null"/>. Protocol v5 uses it for every refusal; v4 clients get it for an unknown namespace
    /// (<c>44/random,{"message":"Invalid namespace"}</c>), as the Node server sends it.
    /// </summary>
    /// <param name="writer">The JSON writer.</param>
    /// <param name="message">The error's message.</param>
    /// <param name="data">The error's data, or <see langword="null"/> for none (a JSON <c>null</c> element is written).</param>
    public static void WriteObject(Utf8JsonWriter writer, string message, JsonElement? data)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(message);
        writer.WriteStartObject();
        writer.WriteString("message"u8, message);
        if (data is { ValueKind: not JsonValueKind.Undefined } value)
        {
            writer.WritePropertyName("data"u8);
            value.WriteTo(writer);
        }

        writer.WriteEndObject();
    }

    /// <summary>
    /// Writes the payload refusing a connection in middleware: in protocol v5 the object form
    /// (<see cref="WriteObject"/>); in v4 the error's data when it is set and truthy in JavaScript's sense, otherwise the
    /// message as a JSON string (<c>44/admin,"Not authorized"</c>), which the 2.x client hands to its <c>error</c> event.
    /// </summary>
    /// <param name="writer">The JSON writer.</param>
    /// <param name="version">The protocol revision of the client.</param>
    /// <param name="message">The error's message.</param>
    /// <param name="data">The error's data, or <see langword="null"/> for none.</param>
    public static void WriteRefusal(Utf8JsonWriter writer, SocketIoProtocolVersion version, string message, JsonElement? data)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(message);
        if (version != SocketIoProtocolVersion.V4)
        {
            WriteObject(writer, message, data);
        }
        else if (data is { } value && IsTruthy(value))
        {
            value.WriteTo(writer);
        }
        else
        {
            writer.WriteStringValue(message);
        }
    }

    /// <summary>
    /// Tells whether JavaScript would take the value as true: everything but <c>false</c>, <c>null</c>, <c>0</c> (any
    /// spelling, and numbers too small to be told from it) and the empty string.
    /// </summary>
    public static bool IsTruthy(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.False or JsonValueKind.Null or JsonValueKind.Undefined => false,
        JsonValueKind.String => value.GetRawText().Length > 2, // "" is the only empty one; the raw text never throws
        JsonValueKind.Number => !value.TryGetDouble(out var number) || number != 0,
        _ => true,
    };
}
