using System.Buffers.Text;
using System.Text;

namespace LoadGenerator;

/// <summary>Hand-written Socket.IO v5 frames (Engine.IO message type <c>4</c> first) and the few parses we need.</summary>
internal static class Frames
{
    /// <summary><c>42{id}["event",&lt;args&gt;]</c>: an event with an acknowledgement id.</summary>
    public static byte[] EventWithAck(long ackId, string eventName, string jsonArgs)
        => Encoding.UTF8.GetBytes($"42{ackId}[\"{eventName}\",{jsonArgs}]");

    /// <summary>The constant tail of an event frame after its ack id: <c>["event",&lt;args&gt;]</c>.</summary>
    public static byte[] EventTail(string eventName, string jsonArgs) => Encoding.UTF8.GetBytes($"[\"{eventName}\",{jsonArgs}]");

    /// <summary>Writes <c>42{id}</c> and <paramref name="tail"/> into <paramref name="buffer"/>, no allocation.</summary>
    public static ReadOnlyMemory<byte> EventWithAck(byte[] buffer, long ackId, ReadOnlySpan<byte> tail)
    {
        buffer[0] = (byte)'4';
        buffer[1] = (byte)'2';
        Utf8Formatter.TryFormat(ackId, buffer.AsSpan(2), out var digits);
        tail.CopyTo(buffer.AsSpan(2 + digits));
        return buffer.AsMemory(0, 2 + digits + tail.Length);
    }

    /// <summary>
    /// A JSON string of exactly <paramref name="length"/> characters: <c>"t&lt;stamp&gt;|xxxx…"</c>. The stamp lets a
    /// receiver compute the latency from the frame alone.
    /// </summary>
    public static string StampedPayload(long stamp, int length)
    {
        var head = $"t{stamp}|";
        return "\"" + head + new string('x', Math.Max(0, length - head.Length)) + "\"";
    }

    /// <summary>The ack id of <c>43{id}[…]</c>, or -1 if the message is not an ACK.</summary>
    public static long AckId(ReadOnlySpan<byte> message)
    {
        if (message.Length < 3 || message[0] != (byte)'4' || message[1] != (byte)'3')
        {
            return -1;
        }

        return Utf8Parser.TryParse(message[2..], out long id, out _) ? id : -1;
    }

    /// <summary>The stamp in the first JSON string argument that starts with <c>"t</c>, or -1.</summary>
    public static long Stamp(ReadOnlySpan<byte> message)
    {
        var at = message.IndexOf("\"t"u8);
        if (at < 0)
        {
            return -1;
        }

        return Utf8Parser.TryParse(message[(at + 2)..], out long stamp, out _) ? stamp : -1;
    }
}
