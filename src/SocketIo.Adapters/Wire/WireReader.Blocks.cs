using System.Text.Json;

namespace SocketIo.Adapters.Wire;

/// <summary>The building blocks every adapter message shares: broadcast options, the packet object, socket details.</summary>
internal sealed partial class WireReader
{
    /// <summary>The packet types a broadcast may carry: EVENT, and BINARY_EVENT, which some senders write for binary arguments.</summary>
    private const long EventType = 2;
    private const long BinaryEventType = 5;

    private static readonly JsonDocument EmptyObject = JsonDocument.Parse("{}");

    /// <summary>
    /// Reads <c>{"rooms":[…],"except":[…],"flags":{…}}</c>. Missing lists are empty and missing flags none. Of the
    /// flags, <c>volatile</c>, <c>compress</c> and <c>timeout</c> (milliseconds) are kept; <c>local</c> is dropped (a
    /// message that crossed nodes is no longer local) and the legacy and Node-only ones are ignored.
    /// </summary>
    public static BroadcastOptions ReadOptions(JsonElement opts)
    {
        if (opts.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidDataException("\"opts\" is not an object");
        }

        var rooms = ReadRooms(Find(opts, "rooms"), "rooms");
        var except = ReadRooms(Find(opts, "except"), "except");
        var flags = BroadcastFlags.None;
        if (Find(opts, "flags") is { ValueKind: JsonValueKind.Object } wireFlags)
        {
            var isVolatile = IsTruthy(wireFlags, "volatile");
            var compress = Find(wireFlags, "compress") is not { ValueKind: JsonValueKind.False };
            TimeSpan? timeout = Find(wireFlags, "timeout") is { ValueKind: JsonValueKind.Number } ms && ms.GetDouble() is >= 0 and var value && double.IsFinite(value)
                ? TimeSpan.FromMilliseconds(value)
                : null;
            if (isVolatile || !compress || timeout is not null)
            {
                flags = new BroadcastFlags(Volatile: isVolatile, Compress: compress, Timeout: timeout);
            }
        }

        return new BroadcastOptions([.. rooms], [.. except], flags);
    }

    /// <summary>Reads the packet object <c>{"type":2,"data":[…],"nsp"?,"id"?}</c>.</summary>
    public BroadcastPacket ReadPacket(JsonElement packet)
    {
        if (packet.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidDataException("\"packet\" is not an object");
        }

        var type = RequireInteger(packet, "type");
        if (type is not (EventType or BinaryEventType))
        {
            throw new InvalidDataException($"a broadcast packet of type {type}, not an event");
        }

        return new BroadcastPacket(ReadPayload(Require(packet, "data")), FindString(packet, "nsp"), FindInteger(packet, "id"));
    }

    /// <summary>
    /// Reads a socket's details <c>{"id","handshake","rooms","data"}</c>. The id is required; a missing handshake
    /// reads as <c>{}</c>, missing rooms as none and missing data as <see cref="JsonValueKind.Undefined"/>. Binary in
    /// the handshake or the data becomes what <c>JSON.stringify</c> makes of a Node <c>Buffer</c>, as it does when a
    /// Node node describes the socket in JSON.
    /// </summary>
    public SocketDetails ReadSocket(JsonElement socket)
    {
        if (socket.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidDataException("a socket is not an object");
        }

        var handshake = Find(socket, "handshake") is { } value ? ReadJson(value) : EmptyObject.RootElement;
        var data = socket.TryGetProperty("data", out var found) ? ReadJson(found) : default;
        return new SocketDetails(RequireString(socket, "id"), handshake, ReadRooms(Find(socket, "rooms"), "rooms"), data);
    }

    /// <summary>Reads an array of socket details.</summary>
    public IReadOnlyList<SocketDetails> ReadSockets(JsonElement array)
    {
        if (array.ValueKind != JsonValueKind.Array)
        {
            throw new InvalidDataException("\"sockets\" is not an array");
        }

        return [.. array.EnumerateArray().Select(ReadSocket)];
    }

    /// <summary>An acknowledgement's first argument under <paramref name="name"/>, absent when the key is.</summary>
    public AckResponse ReadAnswer(JsonElement obj, string name) => AckAnswers.FromValue(ReadOptionalValue(obj, name));

    /// <summary>A value as plain JSON, binary written as Node's <c>Buffer</c> JSON.</summary>
    public JsonElement ReadJson(JsonElement value)
    {
        if (Attachments.Count == 0)
        {
            return value.Clone();
        }

        var extracted = ReadValue(value);
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(extracted.Json.Length + 64);
        using (var writer = new Utf8JsonWriter(buffer, Protocol.Packets.SocketIoJson.WriterOptions))
        {
            Protocol.Packets.PlaceholderJson.WriteStringified(writer, extracted.Json, extracted.Attachments);
        }

        using var document = JsonDocument.Parse(buffer.WrittenMemory, Protocol.Packets.PlaceholderJson.DocumentOptions);
        return document.RootElement.Clone();
    }
}
