using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json;
using SocketIo.Protocol.Msgpack;
using SocketIo.Protocol.Packets;

namespace SocketIo.Adapters.Wire;

/// <summary>
/// A message from another node, read as JSON whatever its framing: MessagePack is first turned into JSON whose
/// binary values are placeholders into <see cref="Attachments"/>, so one reader per message type serves both. Reads
/// that meet something malformed throw <see cref="InvalidDataException"/>; <see cref="TryDecode{T}"/> turns any
/// failure into a returned error, so a decoder never throws at the adapter.
/// </summary>
internal sealed partial class WireReader : IDisposable
{
    private readonly JsonDocument _document;

    private WireReader(JsonDocument document, IReadOnlyList<ReadOnlyMemory<byte>> attachments, WireFraming framing)
    {
        _document = document;
        Attachments = attachments;
        Framing = framing;
    }

    /// <summary>Gets the message as JSON.</summary>
    public JsonElement Root => _document.RootElement;

    /// <summary>Gets the binary values the placeholders in <see cref="Root"/> point to.</summary>
    public IReadOnlyList<ReadOnlyMemory<byte>> Attachments { get; }

    /// <summary>Gets how the message travelled.</summary>
    public WireFraming Framing { get; }

    /// <summary>
    /// The framing of a payload on a channel that carries both, by its first byte as Node decides it: <c>{</c> is
    /// JSON, anything else MessagePack (whose maps and arrays never start with that byte).
    /// </summary>
    public static WireFraming DetectFraming(ReadOnlySpan<byte> payload) =>
        !payload.IsEmpty && payload[0] == (byte)'{' ? WireFraming.Json : WireFraming.Msgpack;

    /// <summary>
    /// Opens a payload in the given framing and reads it with <paramref name="read"/>. Every failure, of the framing
    /// or of the read, becomes <paramref name="error"/>.
    /// </summary>
    public static bool TryDecode<T>(ReadOnlyMemory<byte> payload, WireFraming framing, Func<WireReader, T> read, [NotNullWhen(true)] out T? value, [NotNullWhen(false)] out string? error)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(read);
        value = null;
        if (!TryOpen(payload, framing, out var reader, out error))
        {
            return false;
        }

        using (reader)
        {
            try
            {
                value = read(reader);
                return true;
            }
            catch (Exception ex) when (ex is InvalidDataException or InvalidOperationException or FormatException or JsonException)
            {
                // InvalidOperationException: a JSON value of another kind than asked, or text .NET cannot hold.
                error = ex.Message;
                return false;
            }
        }
    }

    private static bool TryOpen(ReadOnlyMemory<byte> payload, WireFraming framing, [NotNullWhen(true)] out WireReader? reader, [NotNullWhen(false)] out string? error)
    {
        reader = null;
        IReadOnlyList<ReadOnlyMemory<byte>> attachments = [];
        var json = payload;
        if (framing == WireFraming.Msgpack)
        {
            if (!MsgpackToJson.TryReadValue(payload, out var value, out error))
            {
                return false;
            }

            json = value.Json;
            attachments = value.Attachments;
        }

        try
        {
            reader = new WireReader(JsonDocument.Parse(json, PlaceholderJson.DocumentOptions), attachments, framing);
            error = null;
            return true;
        }
        catch (JsonException ex)
        {
            error = "invalid JSON: " + ex.Message;
            return false;
        }
    }

    /// <inheritdoc />
    public void Dispose() => _document.Dispose();

    /// <summary>Gets the object at the root, or fails.</summary>
    public JsonElement RootObject() => Root.ValueKind == JsonValueKind.Object ? Root : throw new InvalidDataException("expected an object");

    /// <summary>Gets a property that must be there (and not null).</summary>
    public static JsonElement Require(JsonElement obj, string name) =>
        Find(obj, name) ?? throw new InvalidDataException($"missing \"{name}\"");

    /// <summary>Gets a property, or <see langword="null"/> when it is absent or JSON <c>null</c> (both JavaScript's "not set").</summary>
    public static JsonElement? Find(JsonElement obj, string name) =>
        obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    /// <summary>Gets a string property that must be there.</summary>
    public static string RequireString(JsonElement obj, string name) =>
        FindString(obj, name) ?? throw new InvalidDataException($"missing \"{name}\"");

    /// <summary>Gets a string property, or <see langword="null"/> when it is not set.</summary>
    public static string? FindString(JsonElement obj, string name) => Find(obj, name) switch
    {
        null => null,
        { ValueKind: JsonValueKind.String } value => value.GetString(),
        _ => throw new InvalidDataException($"\"{name}\" is not a string"),
    };

    /// <summary>Gets an integer property that must be there.</summary>
    public static long RequireInteger(JsonElement obj, string name) =>
        FindInteger(obj, name) ?? throw new InvalidDataException($"missing \"{name}\"");

    /// <summary>Gets an integer property, or <see langword="null"/> when it is not set.</summary>
    public static long? FindInteger(JsonElement obj, string name) => Find(obj, name) switch
    {
        null => null,
        { ValueKind: JsonValueKind.Number } value when value.TryGetInt64(out var integer) => integer,
        _ => throw new InvalidDataException($"\"{name}\" is not an integer"),
    };

    /// <summary>Gets a property as JavaScript tests it for truth (<c>if (x.close)</c>): only <c>true</c>, numbers other than 0 and non-empty strings count.</summary>
    public static bool IsTruthy(JsonElement obj, string name) => Find(obj, name) switch
    {
        null => false,
        { ValueKind: JsonValueKind.True } => true,
        { ValueKind: JsonValueKind.False } => false,
        { ValueKind: JsonValueKind.Number } value => value.GetDouble() != 0,
        { ValueKind: JsonValueKind.String } value => !value.ValueEquals(ReadOnlySpan<byte>.Empty),
        _ => true,
    };

    /// <summary>
    /// Reads a list of room names. Rooms are strings, but JavaScript applications may use numbers, which become
    /// their JavaScript text (<c>42</c> → <c>"42"</c>); anything else is refused rather than guessed at.
    /// </summary>
    public static IReadOnlyList<string> ReadRooms(JsonElement? array, string name)
    {
        if (array is not { } rooms)
        {
            return [];
        }

        if (rooms.ValueKind != JsonValueKind.Array)
        {
            throw new InvalidDataException($"\"{name}\" is not an array");
        }

        var list = new List<string>(rooms.GetArrayLength());
        foreach (var room in rooms.EnumerateArray())
        {
            list.Add(room.ValueKind switch
            {
                JsonValueKind.String => room.GetString()!,
                JsonValueKind.Number when room.TryGetInt64(out var integer) => integer.ToString(CultureInfo.InvariantCulture),
                JsonValueKind.Number => JavaScriptNumber.ToString(room.GetDouble()),
                _ => throw new InvalidDataException($"an entry of \"{name}\" is neither a string nor a number"),
            });
        }

        return list;
    }

    /// <summary>Cuts an event's argument array out of the message, with the attachments it points to.</summary>
    public PacketPayload ReadPayload(JsonElement array) => PlaceholderJson.ExtractPayload(array, Attachments);

    /// <summary>Cuts a value out of the message, with the attachments it points to.</summary>
    public PayloadValue ReadValue(JsonElement value) => PlaceholderJson.ExtractValue(value, Attachments);

    /// <summary>Cuts a value out of the message when it is present: <see langword="null"/> when the key is absent (JavaScript's <c>undefined</c>).</summary>
    public PayloadValue? ReadOptionalValue(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out var value) ? ReadValue(value) : null;
}
