using System.Buffers;
using System.Text.Json;

namespace SocketIo.Protocol.Engine;

/// <summary>
/// Writes the open packet <c>0{"sid":…,"upgrades":[…],"pingInterval":N,"pingTimeout":N,"maxPayload":N}</c>: exactly
/// these keys, in this order, compact (the protocol suites check the key set). Protocol v3 sessions get the same
/// packet, <c>maxPayload</c> included, as from the Node server; over v3 polling it is framed like any packet
/// (<see cref="PollingPayloadV3.EncodeText"/>: <c>114:0{…}</c>).
/// </summary>
internal static class EngineOpenPacket
{
    /// <summary>Writes the packet, type digit included.</summary>
    public static void Write(
        IBufferWriter<byte> writer,
        string sid,
        IReadOnlyList<string> upgrades,
        long pingIntervalMs,
        long pingTimeoutMs,
        long maxPayload)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(sid);
        ArgumentNullException.ThrowIfNull(upgrades);
        writer.GetSpan(1)[0] = (byte)'0' + (byte)EnginePacketType.Open;
        writer.Advance(1);
        using var json = new Utf8JsonWriter(writer);
        json.WriteStartObject();
        json.WriteString("sid"u8, sid);
        json.WriteStartArray("upgrades"u8);
        foreach (var upgrade in upgrades)
        {
            json.WriteStringValue(upgrade);
        }

        json.WriteEndArray();
        json.WriteNumber("pingInterval"u8, pingIntervalMs);
        json.WriteNumber("pingTimeout"u8, pingTimeoutMs);
        json.WriteNumber("maxPayload"u8, maxPayload);
        json.WriteEndObject();
    }

    /// <summary>Returns the packet as a new array.</summary>
    public static byte[] ToArray(string sid, IReadOnlyList<string> upgrades, long pingIntervalMs, long pingTimeoutMs, long maxPayload)
    {
        var buffer = new ArrayBufferWriter<byte>(128);
        Write(buffer, sid, upgrades, pingIntervalMs, pingTimeoutMs, maxPayload);
        return buffer.WrittenSpan.ToArray();
    }
}
