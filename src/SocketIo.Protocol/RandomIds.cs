using System.Buffers.Text;
using System.Security.Cryptography;

namespace SocketIo.Protocol;

/// <summary>
/// Unguessable, URL-safe identifiers of 20 characters: 15 bytes (120 bits) from a cryptographic RNG, base64url.
/// Engine.IO session ids and Socket.IO socket ids both come from here.
/// </summary>
public static class RandomIds
{
    /// <summary>Returns a new identifier.</summary>
    public static string Create()
    {
        Span<byte> bytes = stackalloc byte[15];
        RandomNumberGenerator.Fill(bytes);
        return Base64Url.EncodeToString(bytes);
    }

}
