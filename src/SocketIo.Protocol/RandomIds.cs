using System.Buffers.Text;
using System.Security.Cryptography;

namespace SocketIo.Protocol;

/// <summary>
/// Unguessable identifiers from a cryptographic RNG: Engine.IO session ids and Socket.IO socket ids
/// (<see cref="Create"/>), and the hex ids servers and adapters put on the wire (<see cref="CreateHex"/>).
/// </summary>
public static class RandomIds
{
    /// <summary>The random bytes behind one <see cref="Create"/> id.</summary>
    private const int IdBytes = 15;

    /// <summary>How many ids one refill of a thread's pool serves.</summary>
    private const int IdsPerRefill = 64;

    /// <summary>
    /// Each thread's random bytes, drawn from the RNG <see cref="IdsPerRefill"/> ids at a time: every call to the
    /// system's RNG pays a fixed cost of microseconds (OpenSSL's generator takes locks and checks for a fork), and a
    /// handshake makes two ids. Every byte is handed out once.
    /// </summary>
    [ThreadStatic]
    private static byte[]? t_pool;

    /// <summary>How many bytes of this thread's <see cref="t_pool"/> are handed out.</summary>
    [ThreadStatic]
    private static int t_used;

    /// <summary>Returns a new URL-safe identifier of 20 characters: 15 bytes (120 bits), base64url.</summary>
    public static string Create()
    {
        var pool = t_pool;
        var used = t_used;
        if (pool is null || used == pool.Length)
        {
            pool = t_pool ??= new byte[IdBytes * IdsPerRefill];
            RandomNumberGenerator.Fill(pool);
            used = 0;
        }

        var bytes = pool.AsSpan(used, IdBytes);
        var id = Base64Url.EncodeToString(bytes);
        // The bytes of an id are not kept once it is made.
        bytes.Clear();
        t_used = used + IdBytes;
        return id;
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
