using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;

namespace SocketIo.Protocol.Packets;

/// <summary>
/// Escapes JSON strings the way JavaScript's <c>JSON.stringify</c> does, so that re-serialised payloads compare equal
/// to what a Node server sends: <c>"</c> and <c>\</c> get a backslash; <c>\b \t \n \f \r</c> their short forms; other
/// control characters below U+0020 and lone surrogates become <c>\u00xx</c> / <c>\udxxx</c> (lowercase hex). Everything
/// else, HTML-sensitive ASCII and all non-ASCII included, is written as is.
/// </summary>
/// <remarks>
/// Not for embedding JSON in HTML: nothing is escaped against script injection, exactly like <c>JSON.stringify</c>.
/// Invalid UTF-8 input is replaced with U+FFFD, as the framework's encoders do.
/// </remarks>
internal sealed class JsonStringifyEncoder : JavaScriptEncoder
{
    /// <summary>The longest escape, <c>\uXXXX</c>.</summary>
    private const int MaxEscapeLength = 6;

    /// <summary>The UTF-16 code units worth a closer look: those to escape, plus surrogates (escaped only when unpaired).</summary>
    private static readonly SearchValues<char> s_specialChars = SearchValues.Create(BuildSpecialChars());

    /// <summary>The UTF-8 bytes worth a closer look: those to escape, plus every non-ASCII byte (validated, never escaped).</summary>
    private static readonly SearchValues<byte> s_specialBytes = SearchValues.Create(BuildSpecialBytes());

    private static ReadOnlySpan<byte> HexDigits => "0123456789abcdef"u8;

    /// <summary>Gets the single instance.</summary>
    public static JsonStringifyEncoder Instance { get; } = new();

    private JsonStringifyEncoder()
    {
    }

    /// <inheritdoc/>
    public override int MaxOutputCharactersPerInputCharacter => MaxEscapeLength;

    /// <inheritdoc/>
    public override bool WillEncode(int unicodeScalar) =>
        unicodeScalar is < 0x20 or '"' or '\\' or (>= 0xD800 and <= 0xDFFF);

    /// <inheritdoc/>
    public override unsafe int FindFirstCharacterToEncode(char* text, int textLength) =>
        FindFirstCharacterToEncode(new ReadOnlySpan<char>(text, textLength));

    /// <inheritdoc/>
    public override unsafe bool TryEncodeUnicodeScalar(int unicodeScalar, char* buffer, int bufferLength, out int numberOfCharactersWritten) =>
        TryEncodeUnicodeScalar(unicodeScalar, new Span<char>(buffer, bufferLength), out numberOfCharactersWritten);

    /// <inheritdoc/>
    public override int FindFirstCharacterToEncodeUtf8(ReadOnlySpan<byte> utf8Text)
    {
        var index = 0;
        while (true)
        {
            var next = utf8Text[index..].IndexOfAny(s_specialBytes);
            if (next < 0)
            {
                return -1;
            }

            index += next;
            if (utf8Text[index] < 0x80)
            {
                return index;
            }

            // Non-ASCII: valid sequences pass through, anything else must go through EncodeUtf8 to be replaced.
            if (Rune.DecodeFromUtf8(utf8Text[index..], out _, out var consumed) != OperationStatus.Done)
            {
                return index;
            }

            index += consumed;
        }
    }

    /// <inheritdoc/>
    public override OperationStatus EncodeUtf8(ReadOnlySpan<byte> utf8Source, Span<byte> utf8Destination, out int bytesConsumed, out int bytesWritten, bool isFinalBlock = true)
    {
        bytesConsumed = 0;
        bytesWritten = 0;
        while (bytesConsumed < utf8Source.Length)
        {
            var remaining = utf8Source[bytesConsumed..];
            var safe = FindFirstCharacterToEncodeUtf8(remaining);
            if (safe < 0)
            {
                safe = remaining.Length;
            }

            if (safe > 0)
            {
                if (!remaining[..safe].TryCopyTo(utf8Destination[bytesWritten..]))
                {
                    return OperationStatus.DestinationTooSmall;
                }

                bytesConsumed += safe;
                bytesWritten += safe;
                continue;
            }

            var destination = utf8Destination[bytesWritten..];
            var first = remaining[0];
            if (first < 0x80)
            {
                if (!TryWriteAsciiEscape(first, destination, out var written))
                {
                    return OperationStatus.DestinationTooSmall;
                }

                bytesConsumed++;
                bytesWritten += written;
                continue;
            }

            // Invalid or incomplete UTF-8.
            var status = Rune.DecodeFromUtf8(remaining, out _, out var invalidLength);
            if (status == OperationStatus.NeedMoreData && !isFinalBlock)
            {
                return OperationStatus.NeedMoreData;
            }

            if (!Rune.ReplacementChar.TryEncodeToUtf8(destination, out var replacementLength))
            {
                return OperationStatus.DestinationTooSmall;
            }

            bytesConsumed += invalidLength;
            bytesWritten += replacementLength;
        }

        return OperationStatus.Done;
    }

    /// <inheritdoc/>
    public override OperationStatus Encode(ReadOnlySpan<char> source, Span<char> destination, out int charsConsumed, out int charsWritten, bool isFinalBlock = true)
    {
        charsConsumed = 0;
        charsWritten = 0;
        while (charsConsumed < source.Length)
        {
            var remaining = source[charsConsumed..];
            var safe = FindFirstCharacterToEncode(remaining);
            if (safe < 0)
            {
                safe = remaining.Length;
            }

            if (safe > 0)
            {
                if (!remaining[..safe].TryCopyTo(destination[charsWritten..]))
                {
                    return OperationStatus.DestinationTooSmall;
                }

                charsConsumed += safe;
                charsWritten += safe;
                continue;
            }

            // A lone high surrogate at the very end may be completed by the next block.
            if (char.IsHighSurrogate(remaining[0]) && remaining.Length == 1 && !isFinalBlock)
            {
                return OperationStatus.NeedMoreData;
            }

            if (!TryEncodeUnicodeScalar(remaining[0], destination[charsWritten..], out var written))
            {
                return OperationStatus.DestinationTooSmall;
            }

            charsConsumed++;
            charsWritten += written;
        }

        return OperationStatus.Done;
    }

    /// <inheritdoc/>
    public override string Encode(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var first = FindFirstCharacterToEncode(value.AsSpan());
        if (first < 0)
        {
            return value;
        }

        var buffer = new char[first + ((value.Length - first) * MaxEscapeLength)];
        var status = Encode(value.AsSpan(), buffer, out _, out var written);
        System.Diagnostics.Debug.Assert(status == OperationStatus.Done, "The buffer is sized for the worst case.");
        return new string(buffer, 0, written);
    }

    /// <inheritdoc/>
    public override void Encode(TextWriter output, string value, int startIndex, int characterCount)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(value);
        ArgumentOutOfRangeException.ThrowIfNegative(startIndex);
        ArgumentOutOfRangeException.ThrowIfNegative(characterCount);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(startIndex, value.Length - characterCount);
        output.Write(Encode(value.Substring(startIndex, characterCount)));
    }

    /// <inheritdoc/>
    public override void Encode(TextWriter output, char[] value, int startIndex, int characterCount)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(value);
        ArgumentOutOfRangeException.ThrowIfNegative(startIndex);
        ArgumentOutOfRangeException.ThrowIfNegative(characterCount);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(startIndex, value.Length - characterCount);
        output.Write(Encode(new string(value, startIndex, characterCount)));
    }

    /// <summary>Returns the index of the first code unit to escape, or -1; a surrogate pair is never escaped.</summary>
    private static int FindFirstCharacterToEncode(ReadOnlySpan<char> text)
    {
        var index = 0;
        while (true)
        {
            var next = text[index..].IndexOfAny(s_specialChars);
            if (next < 0)
            {
                return -1;
            }

            index += next;
            var c = text[index];
            if (char.IsHighSurrogate(c) && index + 1 < text.Length && char.IsLowSurrogate(text[index + 1]))
            {
                index += 2;
                continue;
            }

            return index;
        }
    }

    /// <summary>Writes one code point (or lone surrogate) escaped when it must be, as is otherwise.</summary>
    private static bool TryEncodeUnicodeScalar(int value, Span<char> destination, out int written)
    {
        if (value is < 0x20 or '"' or '\\' or (>= 0xD800 and <= 0xDFFF))
        {
            Span<byte> escape = stackalloc byte[MaxEscapeLength];
            WriteEscape(value, escape, out var length);
            if (destination.Length < length)
            {
                written = 0;
                return false;
            }

            for (var i = 0; i < length; i++)
            {
                destination[i] = (char)escape[i];
            }

            written = length;
            return true;
        }

        if (!Rune.TryCreate(value, out var rune))
        {
            rune = Rune.ReplacementChar;
        }

        return rune.TryEncodeToUtf16(destination, out written);
    }

    private static bool TryWriteAsciiEscape(byte value, Span<byte> destination, out int written)
    {
        if (destination.Length < MaxEscapeLength)
        {
            Span<byte> escape = stackalloc byte[MaxEscapeLength];
            WriteEscape(value, escape, out written);
            if (!escape[..written].TryCopyTo(destination))
            {
                written = 0;
                return false;
            }

            return true;
        }

        WriteEscape(value, destination, out written);
        return true;
    }

    /// <summary>Writes the JSON.stringify escape of a character that needs one; <paramref name="destination"/> holds 6 bytes.</summary>
    private static void WriteEscape(int value, Span<byte> destination, out int written)
    {
        destination[0] = (byte)'\\';
        written = 2;
        switch (value)
        {
            case '"': destination[1] = (byte)'"'; return;
            case '\\': destination[1] = (byte)'\\'; return;
            case '\b': destination[1] = (byte)'b'; return;
            case '\t': destination[1] = (byte)'t'; return;
            case '\n': destination[1] = (byte)'n'; return;
            case '\f': destination[1] = (byte)'f'; return;
            case '\r': destination[1] = (byte)'r'; return;
        }

        destination[1] = (byte)'u';
        destination[2] = HexDigits[(value >> 12) & 0xF];
        destination[3] = HexDigits[(value >> 8) & 0xF];
        destination[4] = HexDigits[(value >> 4) & 0xF];
        destination[5] = HexDigits[value & 0xF];
        written = MaxEscapeLength;
    }

    private static string BuildSpecialChars()
    {
        var chars = new StringBuilder();
        for (var c = '\0'; c < ' '; c++)
        {
            chars.Append(c);
        }

        chars.Append('"').Append('\\');
        for (var c = (char)0xD800; c <= (char)0xDFFF; c++)
        {
            chars.Append(c);
        }

        return chars.ToString();
    }

    private static byte[] BuildSpecialBytes()
    {
        var bytes = new List<byte>();
        for (var b = 0; b < 0x20; b++)
        {
            bytes.Add((byte)b);
        }

        bytes.Add((byte)'"');
        bytes.Add((byte)'\\');
        for (var b = 0x80; b <= 0xFF; b++)
        {
            bytes.Add((byte)b);
        }

        return [.. bytes];
    }
}
