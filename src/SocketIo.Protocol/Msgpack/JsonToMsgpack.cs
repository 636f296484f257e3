using System.Buffers;
using System.Buffers.Text;
using System.Runtime.InteropServices;
using System.Text.Json;
using MessagePack;
using SocketIo.Protocol.Packets;

namespace SocketIo.Protocol.Msgpack;

/// <summary>
/// Writes a JSON value whose binary parts are placeholders into MessagePack, as notepack.io 3 (the encoder of Node's
/// Redis adapter, emitter and MessagePack parser) encodes the JavaScript value it stands for: each placeholder
/// becomes a native <c>bin</c> holding its attachment.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>Numbers: an integral, finite value takes the smallest integer form (positive fixint, uint 8/16/32/64,
/// negative fixint, int 8/16/32/64), anything else float 64. An integer literal that fits 64 bits keeps every digit
/// (JavaScript would round beyond 2^53); <c>1.0</c> and <c>1e3</c> are integers, as they are to JavaScript; an
/// integral value beyond 64 bits stays a float 64 (notepack writes a corrupted integer there).</item>
/// <item>Strings: str 8/16/32 by UTF-8 length, never <c>bin</c>; a lone surrogate escape becomes U+FFFD.</item>
/// <item>Arrays and objects: array/map 16/32 by count, keys in document order.</item>
/// </list>
/// </remarks>
internal static class JsonToMsgpack
{
    /// <summary>Writes an event's argument array.</summary>
    public static void Write(ref MessagePackWriter writer, PacketPayload payload)
    {
        ArgumentNullException.ThrowIfNull(payload);
        Write(ref writer, payload.Json, payload.Attachments);
    }

    /// <summary>Writes one value.</summary>
    public static void Write(ref MessagePackWriter writer, PayloadValue value)
    {
        ArgumentNullException.ThrowIfNull(value);
        Write(ref writer, value.Json, value.Attachments);
    }

    /// <summary>Writes the value in <paramref name="json"/>.</summary>
    /// <exception cref="JsonException"><paramref name="json"/> is not one JSON value.</exception>
    /// <exception cref="InvalidDataException">A placeholder points to no attachment.</exception>
    public static void Write(ref MessagePackWriter writer, ReadOnlyMemory<byte> json, IReadOnlyList<ReadOnlyMemory<byte>> attachments)
    {
        using var document = JsonDocument.Parse(json, PlaceholderJson.DocumentOptions);
        Write(ref writer, document.RootElement, attachments);
    }

    /// <summary>Writes <paramref name="value"/>.</summary>
    /// <exception cref="InvalidDataException">A placeholder points to no attachment.</exception>
    public static void Write(ref MessagePackWriter writer, JsonElement value, IReadOnlyList<ReadOnlyMemory<byte>> attachments)
    {
        ArgumentNullException.ThrowIfNull(attachments);
        switch (value.ValueKind)
        {
            case JsonValueKind.Null:
                writer.WriteNil();
                break;

            case JsonValueKind.True:
                writer.Write(true);
                break;

            case JsonValueKind.False:
                writer.Write(false);
                break;

            case JsonValueKind.Number:
                WriteNumber(ref writer, value);
                break;

            case JsonValueKind.String:
                writer.WriteString(JsonStrings.GetUtf8(value));
                break;

            case JsonValueKind.Array:
                writer.WriteArrayHeader(value.GetArrayLength());
                foreach (var item in value.EnumerateArray())
                {
                    Write(ref writer, item, attachments);
                }

                break;

            case JsonValueKind.Object when PlaceholderJson.IsPlaceholder(value, out var num):
                if (num < 0 || num >= attachments.Count)
                {
                    throw new InvalidDataException("binary placeholder pointing nowhere");
                }

                writer.Write(attachments[num].Span);
                break;

            case JsonValueKind.Object:
                writer.WriteMapHeader(value.GetPropertyCount());
                foreach (var property in value.EnumerateObject())
                {
                    var name = JsonMarshal.GetRawUtf8PropertyName(property);
                    writer.WriteString(name.IndexOf((byte)'\\') < 0 ? name : System.Text.Encoding.UTF8.GetBytes(JsonStrings.UnescapeToUtf16Text(name)));
                    Write(ref writer, property.Value, attachments);
                }

                break;

            default:
                throw new InvalidDataException($"no MessagePack form for JSON {value.ValueKind}");
        }
    }

    /// <summary>Encodes one value into a new array.</summary>
    public static byte[] Encode(ReadOnlyMemory<byte> json, IReadOnlyList<ReadOnlyMemory<byte>> attachments)
    {
        var output = new ArrayBufferWriter<byte>(json.Length + 16);
        var writer = new MessagePackWriter(output);
        Write(ref writer, json, attachments);
        writer.Flush();
        return output.WrittenSpan.ToArray();
    }

    private static void WriteNumber(ref MessagePackWriter writer, JsonElement number)
    {
        var raw = JsonMarshal.GetRawUtf8Value(number);
        if (raw.IndexOfAny((byte)'.', (byte)'e', (byte)'E') < 0)
        {
            if (Utf8Parser.TryParse(raw, out long signed, out var consumed) && consumed == raw.Length)
            {
                writer.Write(signed);
                return;
            }

            if (Utf8Parser.TryParse(raw, out ulong unsigned, out consumed) && consumed == raw.Length)
            {
                writer.Write(unsigned);
                return;
            }
        }

        // JSON's grammar leaves no other number than one double parsing reads (overflow becomes an infinity).
        WriteDouble(ref writer, number.GetDouble());
    }

    /// <summary>Writes a JavaScript number as notepack does: integral and finite as an integer, else float 64.</summary>
    public static void WriteDouble(ref MessagePackWriter writer, double value)
    {
        if (double.IsFinite(value) && Math.Floor(value) == value)
        {
            // -0 is integral too and becomes 0, as in notepack.
            if (value is >= -9_223_372_036_854_775_808.0 and < 9_223_372_036_854_775_808.0)
            {
                writer.Write((long)value);
                return;
            }

            if (value is > 0 and < 18_446_744_073_709_551_616.0)
            {
                writer.Write((ulong)value);
                return;
            }
        }

        writer.Write(value);
    }
}
