namespace SocketIo.Protocol.Packets;

/// <summary>
/// Finds <c>\uD800</c>-<c>\uDFFF</c> escapes that are not half of a high-low pair in the raw text of a JSON string.
/// JavaScript's <c>JSON.parse</c> accepts them; .NET refuses to read them into a string, so whoever needs the string
/// refuses the text or replaces them first.
/// </summary>
internal static class LoneSurrogateEscapes
{
    /// <summary>The length of one <c>\uXXXX</c> escape.</summary>
    private const int EscapeLength = 6;

    /// <summary>Whether <paramref name="raw"/>, whose escapes a JSON reader has already checked for syntax, holds one.</summary>
    public static bool Contains(ReadOnlySpan<byte> raw) => IndexOf(raw, 0) >= 0;

    /// <summary>
    /// Copies <paramref name="raw"/> with each lone surrogate escape replaced by <c>\ufffd</c> (the replacement
    /// character), which is what a JavaScript string holding one turns into once written as UTF-8.
    /// </summary>
    public static byte[] Replace(ReadOnlySpan<byte> raw)
    {
        var copy = raw.ToArray();
        var at = IndexOf(copy, 0);
        while (at >= 0)
        {
            "\\ufffd"u8.CopyTo(copy.AsSpan(at));
            at = IndexOf(copy, at + EscapeLength);
        }

        return copy;
    }

    /// <summary>Returns the index of the first lone surrogate escape at or after <paramref name="start"/> (itself the start of a token), or -1.</summary>
    private static int IndexOf(ReadOnlySpan<byte> raw, int start)
    {
        var i = NextBackslash(raw, start);
        while (i >= 0 && i < raw.Length - 1)
        {
            if (raw[i + 1] != 'u')
            {
                i += 2; // \" \\ \/ \b \f \n \r \t
            }
            else
            {
                var unit = ParseHex4(raw.Slice(i + 2, 4));
                if (unit is >= 0xDC00 and <= 0xDFFF)
                {
                    return i;
                }

                if (unit is >= 0xD800 and <= 0xDBFF)
                {
                    var next = i + EscapeLength;
                    if (next + EscapeLength > raw.Length || raw[next] != '\\' || raw[next + 1] != 'u'
                        || ParseHex4(raw.Slice(next + 2, 4)) is < 0xDC00 or > 0xDFFF)
                    {
                        return i;
                    }

                    i = next;
                }

                i += EscapeLength;
            }

            i = NextBackslash(raw, i);
        }

        return -1;
    }

    private static int NextBackslash(ReadOnlySpan<byte> raw, int from)
    {
        if (from >= raw.Length)
        {
            return -1;
        }

        var next = raw[from..].IndexOf((byte)'\\');
        return next < 0 ? -1 : from + next;
    }

    private static int ParseHex4(ReadOnlySpan<byte> hex)
    {
        var value = 0;
        foreach (var digit in hex)
        {
            value = (value << 4) | (digit switch
            {
                >= (byte)'0' and <= (byte)'9' => digit - '0',
                >= (byte)'a' and <= (byte)'f' => digit - 'a' + 10,
                _ => digit - 'A' + 10,
            });
        }

        return value;
    }
}
