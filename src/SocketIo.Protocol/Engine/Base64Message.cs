using System.Buffers;
using System.Buffers.Text;

namespace SocketIo.Protocol.Engine;

/// <summary>
/// A binary message carried as text: a short prefix (<c>b</c> in protocol v4, <c>b4</c> in v3), then the standard
/// base64 of the bytes, padded. Used where only text can travel: polling payloads, and v3 sessions that asked for it.
/// </summary>
internal static class Base64Message
{
    /// <summary>Gets the length in bytes (and in UTF-16 code units: it is ASCII) of the encoded message.</summary>
    public static int GetEncodedLength(int prefixLength, int dataLength) =>
        prefixLength + Base64.GetMaxEncodedToUtf8Length(dataLength);

    /// <summary>Writes the prefix, then the base64 of <paramref name="data"/>.</summary>
    public static void Write(IBufferWriter<byte> writer, ReadOnlySpan<byte> prefix, ReadOnlySpan<byte> data)
    {
        var span = writer.GetSpan(GetEncodedLength(prefix.Length, data.Length));
        prefix.CopyTo(span);
        Base64.EncodeToUtf8(data, span[prefix.Length..], out _, out var written);
        writer.Advance(prefix.Length + written);
    }

    /// <summary>
    /// Decodes padded standard base64 into a new array; <see langword="null"/> when the text is not exactly that
    /// (what the official clients send). Never throws.
    /// </summary>
    public static byte[]? TryDecode(ReadOnlySpan<byte> base64)
    {
        if (!Base64.IsValid(base64, out var length))
        {
            return null;
        }

        var bytes = new byte[length];
        var status = Base64.DecodeFromUtf8(base64, bytes, out _, out var written);
        return status == OperationStatus.Done && written == length ? bytes : null;
    }
}
