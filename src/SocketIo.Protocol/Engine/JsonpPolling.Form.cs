using System.Globalization;
using System.Text;
using System.Text.Unicode;

namespace SocketIo.Protocol.Engine;

/// <summary>The POST side: the form body <c>d=…</c>, read the way the Node server reads it.</summary>
internal static partial class JsonpPolling
{
    /// <summary>The form field holding the payload.</summary>
    private const string PayloadField = "d";

    /// <summary>Only this many <c>&amp;</c>-separated pairs are read, empty ones included, as Node's <c>querystring.parse</c> does.</summary>
    private const int MaxPairs = 1000;

    /// <summary>
    /// Reads the payload from a JSONP POST body (<c>application/x-www-form-urlencoded</c>): the single field <c>d</c>,
    /// form-decoded, then with the client's newline escapes undone (it sends a newline as <c>\n</c> and a
    /// backslash-n as <c>\\n</c>, because some browsers turn a raw newline in a form into CRLF).
    /// </summary>
    /// <param name="body">The request body.</param>
    /// <param name="textPayload">The text-framed payload, UTF-8, for <see cref="PollingPayloadV3.TryDecodeText"/>.</param>
    /// <returns>
    /// <see langword="false"/> when <c>d</c> is missing or repeated; the Node server then delivers nothing and still
    /// answers <c>ok</c>. Never throws on client input.
    /// </returns>
    public static bool TryReadPostBody(ReadOnlySpan<byte> body, out byte[] textPayload)
    {
        textPayload = [];
        var form = Encoding.UTF8.GetString(body);
        string? payload = null;
        var found = 0;
        var pairs = 0;
        foreach (var range in form.AsSpan().Split('&'))
        {
            if (pairs++ == MaxPairs)
            {
                break;
            }

            var pair = form.AsSpan()[range];
            var equals = pair.IndexOf('=');
            if (pair.IsEmpty || FormDecode(equals < 0 ? pair : pair[..equals]) != PayloadField)
            {
                continue;
            }

            found++;
            payload = FormDecode(equals < 0 ? [] : pair[(equals + 1)..]);
        }

        if (found != 1)
        {
            return false;
        }

        textPayload = Encoding.UTF8.GetBytes(UnescapeNewlines(payload!));
        return true;
    }

    /// <summary>
    /// Decodes a form key or value as Node's <c>querystring</c> does: <c>+</c> is a space and <c>%XX</c> a UTF-8 byte,
    /// through <c>decodeURIComponent</c> when the escapes make valid UTF-8; otherwise byte by byte, where a malformed
    /// escape stays literal, a character outside Latin-1 keeps only its low byte (Node's fallback does that) and invalid
    /// UTF-8 becomes U+FFFD. Text with neither <c>+</c> nor a well-formed escape is taken as is.
    /// </summary>
    private static string FormDecode(ReadOnlySpan<char> raw)
    {
        var text = raw.ToString().Replace("+", "%20", StringComparison.Ordinal);
        if (!HasEscape(text))
        {
            return text;
        }

        return TryDecodeUriComponent(text) ?? DecodeBytewise(text);
    }

    private static bool HasEscape(string text)
    {
        for (var i = text.IndexOf('%'); i >= 0 && i + 2 < text.Length; i = text.IndexOf('%', i + 1))
        {
            if (char.IsAsciiHexDigit(text[i + 1]) && char.IsAsciiHexDigit(text[i + 2]))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary><c>decodeURIComponent</c>: <see langword="null"/> for a malformed escape or escapes that are not UTF-8.</summary>
    private static string? TryDecodeUriComponent(string text)
    {
        var result = new StringBuilder(text.Length);
        var bytes = new List<byte>();
        var i = 0;
        while (i < text.Length)
        {
            if (text[i] != '%')
            {
                result.Append(text[i++]);
                continue;
            }

            // A run of escapes: together they must be whole UTF-8 characters.
            bytes.Clear();
            while (i < text.Length && text[i] == '%')
            {
                if (i + 2 >= text.Length || !char.IsAsciiHexDigit(text[i + 1]) || !char.IsAsciiHexDigit(text[i + 2]))
                {
                    return null;
                }

                bytes.Add(byte.Parse(text.AsSpan(i + 1, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture));
                i += 3;
            }

            var run = bytes.ToArray();
            if (!Utf8.IsValid(run))
            {
                return null;
            }

            result.Append(Encoding.UTF8.GetString(run));
        }

        return result.ToString();
    }

    /// <summary>Node's fallback (<c>querystring.unescapeBuffer</c>): each character taken as one byte, its low one.</summary>
    private static string DecodeBytewise(string text)
    {
        var bytes = new byte[text.Length];
        for (var i = 0; i < text.Length; i++)
        {
            bytes[i] = unchecked((byte)text[i]);
        }

        return PercentDecoding.DecodeUtf8(bytes);
    }

    /// <summary>
    /// Undoes the client's newline escaping in two passes, as the Node server does: <c>\n</c> becomes a newline
    /// while <c>\\n</c> is kept; then <c>\\n</c> becomes <c>\n</c>.
    /// </summary>
    private static string UnescapeNewlines(string text)
    {
        if (!text.Contains("\\n", StringComparison.Ordinal))
        {
            return text;
        }

        var firstPass = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length;)
        {
            if (At(text, i, "\\\\n"))
            {
                firstPass.Append("\\\\n");
                i += 3;
            }
            else if (At(text, i, "\\n"))
            {
                firstPass.Append('\n');
                i += 2;
            }
            else
            {
                firstPass.Append(text[i++]);
            }
        }

        return firstPass.Replace("\\\\n", "\\n").ToString();
    }

    private static bool At(string text, int index, string value) => text.AsSpan(index).StartsWith(value, StringComparison.Ordinal);
}
