using System.Text.Json;

namespace SocketIo.Server.Internal;

/// <summary>Recognizes <c>{"_placeholder":true,"num":N}</c>, the JSON stand-in for a binary attachment.</summary>
internal static class BinaryPlaceholder
{
    public static bool TryGetIndex(JsonElement element, out int num)
    {
        num = -1;
        return element.ValueKind == JsonValueKind.Object
            && element.TryGetProperty("_placeholder", out var flag)
            && flag.ValueKind == JsonValueKind.True
            && element.TryGetProperty("num", out var index)
            && index.TryGetInt32(out num);
    }
}
