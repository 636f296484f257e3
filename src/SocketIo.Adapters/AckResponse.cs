using System.Buffers;
using System.Runtime.InteropServices;
using System.Text.Json;
using SocketIo.Protocol.Packets;

namespace SocketIo.Adapters;

/// <summary>
/// An answer to an emit with acknowledgement: a client's (to a broadcast) or another node's server-side listener's.
/// Its arguments are JSON values, binary written as placeholders that point into <see cref="Attachments"/>.
/// </summary>
/// <param name="SocketId">The local socket that answered; <see langword="null"/> for an answer from another node (the wire format does not carry it).</param>
/// <param name="Arguments">The answer's arguments as JSON values (binary as placeholders).</param>
/// <param name="Attachments">The binary attachments.</param>
public sealed record AckResponse(string? SocketId, IReadOnlyList<JsonElement> Arguments, IReadOnlyList<byte[]> Attachments)
{
    /// <summary>
    /// Reads an answer from its payload form, the JSON array <c>[…args]</c> with attachments (what a cluster transport
    /// decodes).
    /// </summary>
    /// <exception cref="JsonException">The payload is not a JSON array.</exception>
    public static AckResponse FromPayload(PacketPayload payload, string? socketId = null)
    {
        ArgumentNullException.ThrowIfNull(payload);
        using var document = JsonDocument.Parse(payload.Json);
        if (document.RootElement.ValueKind != JsonValueKind.Array)
        {
            throw new JsonException("An acknowledgement payload must be a JSON array.");
        }

        var arguments = new List<JsonElement>(document.RootElement.GetArrayLength());
        foreach (var item in document.RootElement.EnumerateArray())
        {
            arguments.Add(item.Clone());
        }

        var attachments = new byte[payload.Attachments.Count][];
        for (var i = 0; i < attachments.Length; i++)
        {
            var memory = payload.Attachments[i];
            attachments[i] = MemoryMarshal.TryGetArray(memory, out var segment) && segment.Offset == 0 && segment.Count == segment.Array!.Length
                ? segment.Array
                : memory.ToArray();
        }

        return new AckResponse(socketId, arguments, attachments);
    }

    /// <summary>Writes the answer in payload form, the JSON array <c>[…args]</c> with attachments (what a cluster transport encodes).</summary>
    public PacketPayload ToPayload()
    {
        var json = new ArrayBufferWriter<byte>(64);
        using (var writer = new Utf8JsonWriter(json, SocketIoJson.WriterOptions))
        {
            writer.WriteStartArray();
            foreach (var argument in Arguments)
            {
                argument.WriteTo(writer);
            }

            writer.WriteEndArray();
        }

        return new PacketPayload(json.WrittenMemory, [.. Attachments.Select(static a => (ReadOnlyMemory<byte>)a)]);
    }

    /// <summary>
    /// Returns the answer as it crosses nodes: its first argument only (Node forwards no more), no socket id. The
    /// attachments stay as they are, since placeholders point to them by index.
    /// </summary>
    public AckResponse FirstArgumentOnly()
        => Arguments.Count <= 1 && SocketId is null ? this : new AckResponse(null, Arguments.Count == 0 ? [] : [Arguments[0]], Attachments);
}
