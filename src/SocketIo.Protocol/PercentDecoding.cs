using System.Text;

namespace SocketIo.Protocol;

/// <summary>
/// Percent-decoding as URL query strings and HTML forms use it: <c>%XX</c> with two hex digits is the byte XX;
/// anything else, a malformed escape included, stays as it is. The bytes are then read as UTF-8, each invalid sequence
/// becoming U+FFFD.
/// </summary>
internal static class PercentDecoding
{
    /// <summary>Decodes <paramref name="input"/> and reads the result as UTF-8.</summary>
    public static string DecodeUtf8(ReadOnlySpan<byte> input)
    {
        var output = input.Length <= 256 ? stackalloc byte[input.Length] : new byte[input.Length];
        var length = 0;
        for (var i = 0; i < input.Length; i++)
        {
            if (input[i] == '%' && i + 2 < input.Length && TryHex(input[i + 1], out var high) && TryHex(input[i + 2], out var low))
            {
                output[length++] = (byte)((high << 4) | low);
                i += 2;
            }
            else
            {
                output[length++] = input[i];
            }
        }

        return Encoding.UTF8.GetString(output[..length]);
    }

    private static bool TryHex(byte digit, out int value)
    {
        value = digit switch
        {
            >= (byte)'0' and <= (byte)'9' => digit - '0',
            >= (byte)'a' and <= (byte)'f' => digit - 'a' + 10,
            >= (byte)'A' and <= (byte)'F' => digit - 'A' + 10,
            _ => -1,
        };
        return value >= 0;
    }
}
