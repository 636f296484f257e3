using System.Runtime.InteropServices;
using System.Text.Json;
using SocketIo.Protocol.Packets;

namespace SocketIo.Adapters.Wire;

/// <summary>
/// An answer as it crosses nodes: one value, the first argument of the client's or listener's acknowledgement (Node
/// forwards no more), absent when there was none. Converts between that value and <see cref="AckResponse"/>.
/// </summary>
internal static class AckAnswers
{
    /// <summary>The answer's first argument with only the attachments it points to; <see langword="null"/> when it has none.</summary>
    public static PayloadValue? ToValue(AckResponse answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        if (answer.Arguments.Count == 0)
        {
            return null;
        }

        var first = answer.Arguments[0];
        if (answer.Attachments.Count == 0)
        {
            return new PayloadValue(JsonMarshal.GetRawUtf8Value(first).ToArray(), []);
        }

        return PlaceholderJson.ExtractValue(first, [.. answer.Attachments.Select(static a => (ReadOnlyMemory<byte>)a)]);
    }

    /// <summary>An answer from another node: its one value as the only argument, or none when it was absent.</summary>
    public static AckResponse FromValue(PayloadValue? value)
    {
        if (value is null)
        {
            return new AckResponse(null, [], []);
        }

        using var document = JsonDocument.Parse(value.Json, PlaceholderJson.DocumentOptions);
        return new AckResponse(null, [document.RootElement.Clone()], [.. value.Attachments.Select(static a => a.ToArray())]);
    }
}
