using System.Collections.Immutable;
using System.Text;
using SocketIo.Adapters;
using SocketIo.Protocol.Packets;

namespace SocketIo.Redis.Tests.Infrastructure;

/// <summary>Shorthands for wire-format tests: captured bytes in, readable text and hex out.</summary>
internal static class WireText
{
    /// <summary>
    /// Bytes written the way captured Redis traffic is printed: hex bytes and quoted ASCII strings, e.g.
    /// <c>93 a6"892Yz2" 83 a4"type" 02</c>.
    /// </summary>
    public static byte[] Captured(string notation)
    {
        var bytes = new List<byte>();
        for (var i = 0; i < notation.Length;)
        {
            var c = notation[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (c == '"')
            {
                var end = notation.IndexOf('"', i + 1);
                bytes.AddRange(Encoding.UTF8.GetBytes(notation[(i + 1)..end]));
                i = end + 1;
            }
            else
            {
                bytes.Add(Convert.ToByte(notation.Substring(i, 2), 16));
                i += 2;
            }
        }

        return [.. bytes];
    }

    /// <summary>Lower-case hex with a space between bytes, for readable failures.</summary>
    public static string Hex(ReadOnlySpan<byte> bytes) => string.Join(' ', bytes.ToArray().Select(b => b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture)));

    /// <summary>UTF-8 text.</summary>
    public static string Text(ReadOnlyMemory<byte> bytes) => Encoding.UTF8.GetString(bytes.Span);

    /// <summary>UTF-8 bytes.</summary>
    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    /// <summary>An argument array with its attachments.</summary>
    public static PacketPayload Payload(string json, params byte[][] attachments) =>
        new(Utf8(json), [.. attachments.Select(a => (ReadOnlyMemory<byte>)a)]);

    /// <summary>A value with its attachments.</summary>
    public static PayloadValue Value(string json, params byte[][] attachments) =>
        new(Utf8(json), [.. attachments.Select(a => (ReadOnlyMemory<byte>)a)]);

    /// <summary>Broadcast options.</summary>
    public static BroadcastOptions Options(string[]? rooms = null, string[]? except = null, BroadcastFlags? flags = null) =>
        new([.. rooms ?? []], [.. except ?? []], flags ?? BroadcastFlags.None);

    /// <summary>Asserts a payload's JSON text and attachments.</summary>
    public static void AssertPayload(string json, byte[][] attachments, string actualJson, IReadOnlyList<ReadOnlyMemory<byte>> actualAttachments)
    {
        Assert.Equal(json, actualJson);
        Assert.Equal(attachments.Length, actualAttachments.Count);
        for (var i = 0; i < attachments.Length; i++)
        {
            Assert.Equal(attachments[i], actualAttachments[i].ToArray());
        }
    }

    /// <summary>Sorted, for comparing sets.</summary>
    public static string[] Sorted(IEnumerable<string> values) => [.. values.Order(StringComparer.Ordinal)];

    /// <summary>An immutable set, as options hold rooms.</summary>
    public static ImmutableHashSet<string> Set(params string[] values) => [.. values];

    /// <summary>A JSON value as a detached element.</summary>
    public static System.Text.Json.JsonElement Json(string json)
    {
        using var document = System.Text.Json.JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    /// <summary>An answer of one argument, binary as attachments.</summary>
    public static SocketIo.Adapters.AckResponse Answer(string json, params byte[][] attachments) => new(null, [Json(json)], attachments);

}
