using System.Buffers;
using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using MessagePack;
using SocketIo.Protocol.Packets;

namespace SocketIo.Protocol.Msgpack;

/// <summary>
/// Reads a MessagePack value, as notepack.io 3 decodes it for JavaScript, into JSON whose binary parts are
/// placeholders plus the attachments they point to: what the value becomes once Socket.IO's JSON encoder has written
/// it for a client. A decoder of data from other nodes: every failure is a returned error, never an exception.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item><c>bin</c>, and the legacy ArrayBuffer (ext 8/16/32 of type 0): an attachment and its placeholder.</item>
/// <item>Integers keep every digit; floats are written as JavaScript prints them; NaN and ±Infinity become
/// <c>null</c>, as <c>JSON.stringify</c> writes them.</item>
/// <item>Timestamps (ext type -1, 32/64/96 bits; unless the caller asks for notepack 2's reading) and the legacy date (fixext 8 of type 0, milliseconds): the ISO
/// text of the JavaScript Date, or <c>null</c> when out of a Date's range.</item>
/// <item>The legacy <c>undefined</c> (fixext 1 of type 0): left out of a map, <c>null</c> elsewhere.</item>
/// <item>Any other extension: <c>[type, &lt;bin&gt;]</c>, as notepack decodes it.</item>
/// <item>Map keys: strings; numbers, booleans and nil become their JavaScript text, as a JavaScript property key
/// does (an integer beyond 2^53 that of the nearest double). Other keys are refused.</item>
/// <item>A map with <c>"_placeholder": true</c> is refused: every Socket.IO parser would take it for binary.</item>
/// <item>Strings holding invalid UTF-8 get U+FFFD in place of the bad bytes, as Node's decoder does.</item>
/// </list>
/// </remarks>
internal static class MsgpackToJson
{
    /// <summary>The fixext 1 code; with extension type 0 it is notepack 2's <c>undefined</c>.</summary>
    private const byte FixExt1 = 0xd4;

    /// <summary>The fixext 8 code; with extension type 0 it is notepack 2's Date (int64 milliseconds).</summary>
    private const byte FixExt8 = 0xd7;

    /// <summary>The ext 8/16/32 codes; with extension type 0 they are notepack 2's ArrayBuffer.</summary>
    private const byte Ext8 = 0xc7;
    private const byte Ext16 = 0xc8;
    private const byte Ext32 = 0xc9;

    private const sbyte TimestampType = -1;

    /// <summary>2^53 - 1: up to there a double holds every integer, and JavaScript prints it as digits.</summary>
    private const double MaxSafeInteger = 9_007_199_254_740_991;
    private const sbyte LegacyType = 0;

    /// <summary>Reads the value that fills <paramref name="msgpack"/> exactly (trailing bytes are an error, as in notepack).</summary>
    public static bool TryReadValue(ReadOnlyMemory<byte> msgpack, [NotNullWhen(true)] out PayloadValue? value, [NotNullWhen(false)] out string? error)
    {
        value = null;
        var output = new ArrayBufferWriter<byte>(msgpack.Length + 16);
        var attachments = new List<ReadOnlyMemory<byte>>();
        using (var json = new Utf8JsonWriter(output, SocketIoJson.WriterOptions))
        {
            var reader = new MessagePackReader(msgpack);
            if (!TryRead(ref reader, json, attachments, out error))
            {
                return false;
            }

            if (!reader.End)
            {
                error = $"{msgpack.Length - reader.Consumed} trailing bytes after the MessagePack value";
                return false;
            }
        }

        value = new PayloadValue(output.WrittenSpan.ToArray(), [.. attachments]);
        return true;
    }

    /// <summary>Reads an event's argument array that fills <paramref name="msgpack"/> exactly.</summary>
    public static bool TryReadPayload(ReadOnlyMemory<byte> msgpack, [NotNullWhen(true)] out PacketPayload? payload, [NotNullWhen(false)] out string? error)
    {
        payload = null;
        if (msgpack.IsEmpty || new MessagePackReader(msgpack).NextMessagePackType != MessagePackType.Array)
        {
            error = "expected a MessagePack array of arguments";
            return false;
        }

        if (!TryReadValue(msgpack, out var value, out error))
        {
            return false;
        }

        payload = new PacketPayload(value.Json, value.Attachments);
        return true;
    }

    /// <summary>
    /// Reads one value at the reader's position into <paramref name="json"/>, adding the binary it holds to
    /// <paramref name="attachments"/> (placeholders count on from the attachments already there).
    /// </summary>
    public static bool TryRead(ref MessagePackReader reader, Utf8JsonWriter json, List<ReadOnlyMemory<byte>> attachments, [NotNullWhen(false)] out string? error)
        => TryRead(ref reader, json, attachments, PlaceholderJson.MaxDepth, timestamps: true, out error);

    /// <summary>
    /// As <see cref="TryRead(ref MessagePackReader, Utf8JsonWriter, List{ReadOnlyMemory{byte}}, out string?)"/>, with at
    /// most <paramref name="maxDepth"/> levels of arrays and maps (at most <see cref="PlaceholderJson.MaxDepth"/>).
    /// Without <paramref name="timestamps"/>, a timestamp (ext type -1) is <c>[-1, &lt;bin&gt;]</c> like any other
    /// extension, as notepack.io 2 (the MessagePack parser's) decodes it.
    /// </summary>
    public static bool TryRead(ref MessagePackReader reader, Utf8JsonWriter json, List<ReadOnlyMemory<byte>> attachments, int maxDepth, bool timestamps, [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(attachments);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxDepth, PlaceholderJson.MaxDepth);
        try
        {
            ReadValue(ref reader, json, attachments, maxDepth, timestamps);
            error = null;
            return true;
        }
        catch (EndOfStreamException)
        {
            error = "truncated MessagePack value";
        }
        catch (ArgumentOutOfRangeException)
        {
            // MessagePack-CSharp 2.5 reports some lengths beyond the data left this way.
            error = "truncated MessagePack value";
        }
        catch (MessagePackSerializationException ex)
        {
            error = "invalid MessagePack: " + ex.Message;
        }
        catch (InvalidDataException ex)
        {
            error = ex.Message;
        }

        return false;
    }

    private static void ReadValue(ref MessagePackReader reader, Utf8JsonWriter json, List<ReadOnlyMemory<byte>> attachments, int depthLeft, bool timestamps)
    {
        switch (reader.NextMessagePackType)
        {
            case MessagePackType.Nil:
                reader.ReadNil();
                json.WriteNullValue();
                break;

            case MessagePackType.Boolean:
                json.WriteBooleanValue(reader.ReadBoolean());
                break;

            case MessagePackType.Integer when reader.NextCode == MessagePackCode.UInt64:
                json.WriteNumberValue(reader.ReadUInt64());
                break;

            case MessagePackType.Integer:
                json.WriteNumberValue(reader.ReadInt64());
                break;

            case MessagePackType.Float:
                WriteNumber(json, reader.ReadDouble());
                break;

            case MessagePackType.String:
                WriteString(json, ReadStringBytes(ref reader));
                break;

            case MessagePackType.Binary:
                WriteAttachment(json, attachments, reader.ReadBytes()!.Value.ToArray());
                break;

            case MessagePackType.Array:
                ReadArray(ref reader, json, attachments, depthLeft - 1, timestamps);
                break;

            case MessagePackType.Map:
                ReadMap(ref reader, json, attachments, depthLeft - 1, timestamps);
                break;

            case MessagePackType.Extension:
                ReadExtension(ref reader, json, attachments, timestamps);
                break;

            default:
                throw new InvalidDataException($"invalid MessagePack code 0x{reader.NextCode:x2}");
        }
    }

    private static void ReadArray(ref MessagePackReader reader, Utf8JsonWriter json, List<ReadOnlyMemory<byte>> attachments, int depthLeft, bool timestamps)
    {
        CheckDepth(depthLeft);
        var count = reader.ReadArrayHeader();
        json.WriteStartArray();
        for (var i = 0; i < count; i++)
        {
            if (IsUndefined(ref reader))
            {
                reader.Skip();
                json.WriteNullValue();
            }
            else
            {
                ReadValue(ref reader, json, attachments, depthLeft, timestamps);
            }
        }

        json.WriteEndArray();
    }

    private static void ReadMap(ref MessagePackReader reader, Utf8JsonWriter json, List<ReadOnlyMemory<byte>> attachments, int depthLeft, bool timestamps)
    {
        CheckDepth(depthLeft);
        var count = reader.ReadMapHeader();
        json.WriteStartObject();
        for (var i = 0; i < count; i++)
        {
            var key = ReadKey(ref reader);
            if (IsUndefined(ref reader))
            {
                // JSON.stringify leaves out a property whose value is undefined.
                reader.Skip();
                continue;
            }

            if (key.AsSpan().SequenceEqual("_placeholder"u8) && reader.NextMessagePackType == MessagePackType.Boolean && reader.CreatePeekReader().ReadBoolean())
            {
                throw new InvalidDataException("a map that reads as a binary placeholder");
            }

            json.WritePropertyName(key);
            ReadValue(ref reader, json, attachments, depthLeft, timestamps);
        }

        json.WriteEndObject();
    }

    /// <summary>Reads a map key as the UTF-8 of the JavaScript property key it becomes.</summary>
    private static byte[] ReadKey(ref MessagePackReader reader)
    {
        switch (reader.NextMessagePackType)
        {
            case MessagePackType.String:
                var utf8 = ReadStringBytes(ref reader);
                return Utf8.IsValid(utf8) ? utf8 : Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(utf8));
            case MessagePackType.Integer when reader.NextCode == MessagePackCode.UInt64:
                return IntegerKey(reader.ReadUInt64());
            case MessagePackType.Integer:
                return IntegerKey(reader.ReadInt64());
            case MessagePackType.Float:
                var number = reader.ReadDouble();
                return Encoding.UTF8.GetBytes(JavaScriptNumber.ToString(number));
            case MessagePackType.Boolean:
                return reader.ReadBoolean() ? "true"u8.ToArray() : "false"u8.ToArray();
            case MessagePackType.Nil:
                reader.ReadNil();
                return "null"u8.ToArray();
            default:
                throw new InvalidDataException($"unsupported MessagePack map key {reader.NextMessagePackType}");
        }
    }

    /// <summary>
    /// An integer key as JavaScript names the property: the digits up to 2^53, beyond that the text of the nearest
    /// double (notepack reads a 64-bit integer into a number, and the key is that number's text).
    /// </summary>
    private static byte[] IntegerKey(double value)
        => Encoding.UTF8.GetBytes(Math.Abs(value) <= MaxSafeInteger
            ? ((long)value).ToString(System.Globalization.CultureInfo.InvariantCulture)
            : JavaScriptNumber.ToString(value));

    private static void ReadExtension(ref MessagePackReader reader, Utf8JsonWriter json, List<ReadOnlyMemory<byte>> attachments, bool timestamps)
    {
        var code = reader.NextCode;
        var header = reader.ReadExtensionFormatHeader();
        var body = reader.ReadRaw(header.Length).ToArray();
        switch (header.TypeCode)
        {
            case TimestampType when timestamps:
                WriteDate(json, TimestampMilliseconds(body));
                break;

            case LegacyType when code == FixExt8:
                WriteDate(json, (BinaryPrimitives.ReadInt32BigEndian(body) * 4_294_967_296.0) + BinaryPrimitives.ReadUInt32BigEndian(body.AsSpan(4)));
                break;

            case LegacyType when code is Ext8 or Ext16 or Ext32:
                WriteAttachment(json, attachments, body);
                break;

            case LegacyType when code == FixExt1:
                // undefined where a map or an array did not drop it first (a top-level value).
                json.WriteNullValue();
                break;

            default:
                // notepack decodes any other extension as [type, Buffer].
                json.WriteStartArray();
                json.WriteNumberValue(header.TypeCode);
                WriteAttachment(json, attachments, body);
                json.WriteEndArray();
                break;
        }
    }

    /// <summary>The time value of a MessagePack timestamp (32, 64 or 96 bits), computed as notepack does.</summary>
    private static double TimestampMilliseconds(byte[] body)
    {
        switch (body.Length)
        {
            case 4:
                return BinaryPrimitives.ReadUInt32BigEndian(body) * 1e3;
            case 8:
                var high = BinaryPrimitives.ReadUInt32BigEndian(body);
                var seconds = ((high & 0x3) * 4_294_967_296.0) + BinaryPrimitives.ReadUInt32BigEndian(body.AsSpan(4));
                return (seconds * 1e3) + ((high >> 2) / 1e6);
            case 12:
                var nanoseconds = BinaryPrimitives.ReadUInt32BigEndian(body);
                var wholeSeconds = (BinaryPrimitives.ReadInt32BigEndian(body.AsSpan(4)) * 4_294_967_296.0) + BinaryPrimitives.ReadUInt32BigEndian(body.AsSpan(8));
                return (wholeSeconds * 1e3) + (nanoseconds / 1e6);
            default:
                throw new InvalidDataException($"a timestamp of {body.Length} bytes");
        }
    }

    /// <summary>Whether the next value is notepack 2's <c>undefined</c> (fixext 1 of extension type 0).</summary>
    private static bool IsUndefined(ref MessagePackReader reader)
    {
        if (reader.End || reader.NextCode != FixExt1)
        {
            return false;
        }

        var peek = reader.CreatePeekReader();
        return peek.ReadExtensionFormatHeader().TypeCode == LegacyType;
    }

    private static byte[] ReadStringBytes(ref MessagePackReader reader)
    {
        try
        {
            return reader.ReadStringSequence()!.Value.ToArray();
        }
        catch (ArgumentOutOfRangeException ex)
        {
            // MessagePack-CSharp 2.5 reports a string longer than the data left this way, not as the end of the data.
            throw new EndOfStreamException("truncated string", ex);
        }
    }

    private static void WriteString(Utf8JsonWriter json, byte[] utf8)
    {
        if (Utf8.IsValid(utf8))
        {
            json.WriteStringValue(utf8);
        }
        else
        {
            json.WriteStringValue(Encoding.UTF8.GetString(utf8));
        }
    }

    private static void WriteNumber(Utf8JsonWriter json, double value)
    {
        if (double.IsFinite(value))
        {
            json.WriteRawValue(JavaScriptNumber.ToString(value), skipInputValidation: true);
        }
        else
        {
            json.WriteNullValue();
        }
    }

    private static void WriteDate(Utf8JsonWriter json, double milliseconds)
    {
        if (JavaScriptDate.ToIsoString(milliseconds) is { } iso)
        {
            json.WriteStringValue(iso);
        }
        else
        {
            json.WriteNullValue();
        }
    }

    private static void WriteAttachment(Utf8JsonWriter json, List<ReadOnlyMemory<byte>> attachments, byte[] bytes)
    {
        json.WriteStartObject();
        json.WriteBoolean("_placeholder"u8, true);
        json.WriteNumber("num"u8, attachments.Count);
        json.WriteEndObject();
        attachments.Add(bytes);
    }

    private static void CheckDepth(int depthLeft)
    {
        if (depthLeft < 0)
        {
            throw new InvalidDataException("MessagePack value nested too deeply");
        }
    }
}
