using System.Text.Json;

namespace SocketIo.Protocol.Packets;

/// <summary>
/// Recognises the stand-in for a binary attachment, <c>{"_placeholder":true,"num":N}</c>, by the Node parser's rule:
/// an object whose <c>_placeholder</c> is <c>true</c> is a placeholder, whatever else it holds; <c>num</c> picks the
/// attachment when it is a number with a whole value (<c>1</c>, <c>1.0</c> and <c>1e0</c> alike). With duplicate keys
/// the last one counts, as in JavaScript. Never throws, whatever the strings in the object hold.
/// </summary>
public static class AttachmentPlaceholder
{
    /// <summary>Tells whether <paramref name="element"/> is a placeholder and, when it is, which attachment it names.</summary>
    /// <param name="element">Any JSON value.</param>
    /// <param name="num">The attachment index, or -1 when <c>num</c> is missing or not a whole number from 0 up.</param>
    /// <returns><see langword="true"/> for a placeholder (check <paramref name="num"/> against the attachment count).</returns>
    public static bool TryGetIndex(JsonElement element, out int num)
    {
        num = -1;
        if (element.ValueKind != JsonValueKind.Object)
        {
            return false;
        }

        var isPlaceholder = false;
        JsonElement? index = null;
        foreach (var property in element.EnumerateObject())
        {
            if (JsonStrings.NameEquals(property, "_placeholder"u8))
            {
                isPlaceholder = property.Value.ValueKind == JsonValueKind.True;
            }
            else if (JsonStrings.NameEquals(property, "num"u8))
            {
                index = property.Value;
            }
        }

        if (!isPlaceholder)
        {
            return false;
        }

        // Attachment counts are small, so a double holds every valid index exactly; -0 names attachment 0, as in JavaScript.
        if (index is { ValueKind: JsonValueKind.Number } number
            && number.TryGetDouble(out var value)
            && value >= 0
            && value <= int.MaxValue
            && Math.Floor(value) == value)
        {
            num = (int)value;
        }

        return true;
    }
}
