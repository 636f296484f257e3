using System.Buffers.Text;
using System.Security.Cryptography;

namespace SocketIo.Protocol;

/// <summary>
/// Unguessable identifiers from a cryptographic RNG: Engine.IO session ids and Socket.IO socket ids
/// (<see cref="Create"/>), and the hex ids servers and adapters put on the wire (<see cref="CreateHex"/>).
/// </summary>
public static class RandomIds
{
    /// <summary>Returns a new URL-safe identifier of 20 characters: 15 bytes (120 bits), base64url.</summary>
    public static string Create()
    {
        Span<byte> bytes = stackalloc byte[15];
        RandomNumberGenerator.Fill(bytes);
        return Base64Url.EncodeToString(bytes);
    }

    /// <summary>
    /// Returns <paramref name="byteCount"/> random bytes as lower-case hex digits: with 8, a server's id in a cluster
    /// (Node's adapter <c>uid</c>, 16 characters).
    /// </summary>
    /// <param name="byteCount">How many random bytes, 1 to 64.</param>
    public static string CreateHex(int byteCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(byteCount, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(byteCount, 64);
        Span<byte> bytes = stackalloc byte[byteCount];
        RandomNumberGenerator.Fill(bytes);
        return Convert.ToHexStringLower(bytes);
    }
}
