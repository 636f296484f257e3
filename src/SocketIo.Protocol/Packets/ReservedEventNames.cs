using System.Runtime.InteropServices;
using System.Text.Json;

namespace SocketIo.Protocol.Packets;

/// <summary>
/// The event names Socket.IO keeps for itself (<c>connect</c>, <c>connect_error</c>, <c>disconnect</c>,
/// <c>disconnecting</c>, <c>newListener</c>, <c>removeListener</c>): a client may not send them (the decoders refuse
/// them, as the Node parser does) and an application may not emit them, from a server or an emitter.
/// </summary>
public static class ReservedEventNames
{
    private static readonly string[] s_names = ["connect", "connect_error", "disconnect", "disconnecting", "newListener", "removeListener"];

    private static readonly byte[][] s_utf8Names = [.. s_names.Select(System.Text.Encoding.UTF8.GetBytes)];

    /// <summary>Gets the reserved names.</summary>
    public static IReadOnlyList<string> All => s_names;

    /// <summary>Tells whether <paramref name="eventName"/> is reserved (case-sensitive, as in Node).</summary>
    public static bool Contains(string eventName) => Array.IndexOf(s_names, eventName) >= 0;

    /// <summary>Throws when an application tries to emit a reserved name.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="eventName"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="eventName"/> is reserved.</exception>
    public static void ThrowIfReserved(string eventName)
    {
        ArgumentNullException.ThrowIfNull(eventName);
        if (Contains(eventName))
        {
            throw new ArgumentException($"\"{eventName}\" is a reserved event name.", nameof(eventName));
        }
    }

    /// <summary>Tells whether a JSON string a client sent is one of the reserved names. Never throws.</summary>
    internal static bool Contains(JsonElement name)
    {
        // A name with a lone surrogate is no reserved name, and ValueEquals would throw unescaping it.
        if (name.ValueKind != JsonValueKind.String || JsonStrings.HasLoneSurrogateEscape(JsonMarshal.GetRawUtf8Value(name)))
        {
            return false;
        }

        foreach (var reserved in s_utf8Names)
        {
            if (name.ValueEquals(reserved))
            {
                return true;
            }
        }

        return false;
    }
}
