using System.Runtime.InteropServices;
using System.Text.Json;

namespace SocketIo.Protocol.Packets;

/// <summary>Event names a client may not send: the server emits these itself (as the Node parser says).</summary>
internal static class ReservedEventNames
{
    private static readonly byte[][] s_names =
        [.. new[] { "connect", "connect_error", "disconnect", "disconnecting", "newListener", "removeListener" }.Select(System.Text.Encoding.UTF8.GetBytes)];

    /// <summary>Tells whether a JSON string is one of the reserved names. Never throws.</summary>
    public static bool Contains(JsonElement name)
    {
        // A name with a lone surrogate is no reserved name, and ValueEquals would throw unescaping it.
        if (name.ValueKind != JsonValueKind.String || JsonStrings.HasLoneSurrogateEscape(JsonMarshal.GetRawUtf8Value(name)))
        {
            return false;
        }

        foreach (var reserved in s_names)
        {
            if (name.ValueEquals(reserved))
            {
                return true;
            }
        }

        return false;
    }
}
