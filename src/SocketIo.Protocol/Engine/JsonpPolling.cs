using System.Buffers;
using System.Text;
using System.Text.Json;
using SocketIo.Protocol.Packets;

namespace SocketIo.Protocol.Engine;

/// <summary>
/// JSONP long-polling of Engine.IO protocol v3, chosen by the query parameter <c>j</c> (the client's callback
/// index): old browsers without cross-origin XHR, or a 2.x client with <c>forceJSONP</c>. A GET answers with a script,
/// <c>___eio[&lt;j&gt;]("&lt;payload&gt;");</c>, whose string is the text-framed payload; a POST is a form field
/// <c>d=&lt;payload&gt;</c>. The client never takes binary framing (it asks for <c>b64=1</c>).
/// </summary>
internal static partial class JsonpPolling
{
    /// <summary>The query parameter that selects JSONP and carries the callback index.</summary>
    public const string QueryParameter = "j";

    /// <summary>The <c>Content-Type</c> of a JSONP response, as the Node server sends it.</summary>
    public const string ContentType = PollingPayloadV3.TextContentType;

    /// <summary>
    /// Writes a GET response: <c>___eio[</c>, the digits of <paramref name="callbackIndex"/> (anything else in it is
    /// dropped, so the script cannot be altered through the query), <c>](</c>, the payload as a JavaScript string
    /// literal, <c>);</c>.
    /// </summary>
    /// <param name="writer">Where to write.</param>
    /// <param name="callbackIndex">The value of the <c>j</c> query parameter.</param>
    /// <param name="textPayload">The text-framed payload (<see cref="PollingPayloadV3.EncodeText"/>), UTF-8.</param>
    public static void WriteResponse(IBufferWriter<byte> writer, string? callbackIndex, ReadOnlySpan<byte> textPayload)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write("___eio["u8);
        foreach (var c in callbackIndex ?? string.Empty)
        {
            if (char.IsAsciiDigit(c))
            {
                writer.Write([(byte)c]);
            }
        }

        writer.Write("]("u8);
        WriteScriptString(writer, textPayload);
        writer.Write(");"u8);
    }

    /// <summary>
    /// Writes <paramref name="utf8"/> as <c>JSON.stringify</c> would, then with U+2028 and U+2029 escaped as well:
    /// JSON allows them raw in strings, older JavaScript did not.
    /// </summary>
    private static void WriteScriptString(IBufferWriter<byte> writer, ReadOnlySpan<byte> utf8)
    {
        var json = new ArrayBufferWriter<byte>(utf8.Length + 16);
        using (var jsonWriter = new Utf8JsonWriter(json, SocketIoJson.WriterOptions))
        {
            jsonWriter.WriteStringValue(utf8);
        }

        // U+2028 is E2 80 A8 in UTF-8, U+2029 E2 80 A9.
        var rest = json.WrittenSpan;
        while (true)
        {
            var next = rest.IndexOf("\u2028"u8);
            var other = rest.IndexOf("\u2029"u8);
            if (next < 0 || (other >= 0 && other < next))
            {
                next = other;
            }

            if (next < 0)
            {
                writer.Write(rest);
                return;
            }

            writer.Write(rest[..next]);
            writer.Write(rest[next + 2] == 0xA8 ? "\\u2028"u8 : "\\u2029"u8);
            rest = rest[(next + 3)..];
        }
    }
}
