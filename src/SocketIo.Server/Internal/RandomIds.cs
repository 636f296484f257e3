using System.Security.Cryptography;

namespace SocketIo.Server.Internal;

/// <summary>Unguessable, URL-safe identifiers of 20 characters (120 bits from a cryptographic RNG).</summary>
internal static class RandomIds
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    public static string Create() => RandomNumberGenerator.GetString(Alphabet, 20);
}
