using System.Buffers.Text;
using System.Security.Cryptography;

namespace SocketIo.Protocol;

/// <summary>
/// Unguessable, URL-safe identifiers of 20 characters: 15 bytes (120 bits) from a cryptographic RNG, base64url.
/// Engine.IO session ids and Socket.IO socket ids both come from here; so do the shorter ids of cluster nodes and
/// their requests (<see cref="CreateNodeId"/>).
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

    /// <summary>
    /// Returns a new node or request id: 8 random bytes as 16 lower-case hex characters, the format of Node's
    /// ClusterAdapter uids and request ids (never 20 characters, so no Node node takes it for a socket id).
    /// </summary>
    public static string CreateNodeId()
    {
        Span<byte> bytes = stackalloc byte[8];
        RandomNumberGenerator.Fill(bytes);
        return Convert.ToHexStringLower(bytes);
    }
}
