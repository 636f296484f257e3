using System.Buffers;
using System.Text;
using System.Text.Unicode;

namespace SocketIo.Protocol.Engine;

/// <summary>
/// UTF-16 lengths of UTF-8 text. Protocol v3 frames polling payloads with JavaScript string lengths (UTF-16 code
/// units: <c>€</c> is 1, an emoji 2), while the bytes on the wire are UTF-8.
/// </summary>
internal static class Utf8Text
{
    /// <summary>
    /// Finds how many bytes at the start of <paramref name="utf8"/> hold exactly <paramref name="utf16Units"/> UTF-16
    /// code units. Work is bounded by what it consumes, not by the length of <paramref name="utf8"/>.
    /// </summary>
    /// <returns>
    /// <see cref="PayloadDecodeResult.Success"/>; <see cref="PayloadDecodeResult.Truncated"/> when the text ends
    /// first or the count ends between the halves of a surrogate pair; <see cref="PayloadDecodeResult.InvalidUtf8"/>.
    /// </returns>
    public static PayloadDecodeResult TryMeasure(ReadOnlySpan<byte> utf8, long utf16Units, out int byteCount)
    {
        byteCount = 0;
        var position = 0;
        var remaining = utf16Units;
        while (remaining > 0)
        {
            var rest = utf8[position..];
            if (rest.IsEmpty)
            {
                return PayloadDecodeResult.Truncated;
            }

            // ASCII is one byte per unit; look no further than the units still wanted.
            var window = rest[..(int)Math.Min(rest.Length, remaining)];
            var ascii = window.IndexOfAnyExceptInRange((byte)0, (byte)0x7F);
            if (ascii < 0)
            {
                ascii = window.Length;
            }

            position += ascii;
            remaining -= ascii;
            if (remaining == 0)
            {
                break;
            }

            if (ascii == rest.Length)
            {
                return PayloadDecodeResult.Truncated;
            }

            // A multi-byte character: 1 unit, or 2 (a surrogate pair) above U+FFFF. The body is complete, so a
            // sequence cut off by its end is as invalid as a malformed one.
            if (Rune.DecodeFromUtf8(rest[ascii..], out var rune, out var consumed) != OperationStatus.Done)
            {
                return PayloadDecodeResult.InvalidUtf8;
            }

            if (rune.Utf16SequenceLength > remaining)
            {
                return PayloadDecodeResult.Truncated;
            }

            position += consumed;
            remaining -= rune.Utf16SequenceLength;
        }

        byteCount = position;
        return PayloadDecodeResult.Success;
    }

    /// <summary>Counts the UTF-16 code units of valid UTF-8 text.</summary>
    public static int CountUtf16(ReadOnlySpan<byte> validUtf8) => Encoding.UTF8.GetCharCount(validUtf8);

    /// <summary>
    /// Returns the text itself when it is valid UTF-8; otherwise a copy with each invalid sequence replaced by U+FFFD,
    /// which is what the client would decode, so that a length counted here matches the text it reads.
    /// </summary>
    public static ReadOnlyMemory<byte> EnsureValid(ReadOnlyMemory<byte> utf8) =>
        Utf8.IsValid(utf8.Span) ? utf8 : Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(utf8.Span));
}
