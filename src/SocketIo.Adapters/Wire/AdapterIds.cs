using System.Security.Cryptography;

namespace SocketIo.Adapters.Wire;

/// <summary>
/// The identifiers adapters put on the wire, in the formats the Node adapters use, so that no id of ours looks like
/// something else to a Node node (a 20-character one would pass for a socket id).
/// </summary>
internal static class AdapterIds
{
    /// <summary>The uid every emitter sends; never a node's.</summary>
    public const string EmitterUid = "emitter";

    /// <summary>The alphabet of <c>uid2</c>, in its order.</summary>
    private const string ShortIdAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    private const int ShortIdLength = 6;
    private const int HexIdBytes = 8;

    /// <summary>A classic Redis adapter's uid or request id: 6 characters of <c>A-Z a-z 0-9 - _</c> (Node's <c>uid2(6)</c>).</summary>
    public static string NewShortId()
    {
        Span<byte> random = stackalloc byte[ShortIdLength];
        RandomNumberGenerator.Fill(random);
        return string.Create(ShortIdLength, random.ToArray(), static (chars, bytes) =>
        {
            for (var i = 0; i < chars.Length; i++)
            {
                // 256 is a multiple of 64, so every character is equally likely.
                chars[i] = ShortIdAlphabet[bytes[i] % ShortIdAlphabet.Length];
            }
        });
    }

    /// <summary>A ClusterAdapter uid or request id: 8 random bytes as 16 lower-case hex digits.</summary>
    public static string NewHexId() => SocketIo.Protocol.RandomIds.CreateHex(HexIdBytes);
}
