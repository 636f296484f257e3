using System.Diagnostics.CodeAnalysis;
using SocketIo.Adapters.Wire;

namespace SocketIo.Adapters.Cluster;

/// <summary>
/// The two encodings of a ClusterAdapter envelope: JSON as <c>JSON.stringify</c> writes it, keys in Node's order
/// (<c>type</c>, <c>data</c>, <c>uid</c>, <c>nsp</c>), and the MessagePack of the same object, binary as native
/// <c>bin</c>. Which one a transport sends is its own rule; decoding takes either, told apart by the first byte.
/// </summary>
internal static partial class ClusterMessageCodec
{
    /// <summary>Encodes an envelope in <paramref name="framing"/> (binary in JSON becomes Node's Buffer JSON).</summary>
    public static byte[] Encode(ClusterEnvelope envelope, WireFraming framing)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        using var writer = new WireWriter(framing);
        var json = writer.Json;
        json.WriteStartObject();
        json.WriteNumber("type"u8, (int)envelope.Message.Type);
        WriteData(writer, envelope.Message);
        if (envelope.Uid is { } uid)
        {
            json.WriteString("uid"u8, uid);
        }

        if (envelope.Nsp is { } nsp)
        {
            json.WriteString("nsp"u8, nsp);
        }

        json.WriteEndObject();
        return writer.ToArray();
    }

    /// <summary>
    /// Decodes an envelope, JSON when the first byte is <c>{</c>, MessagePack otherwise. Unknown types, missing
    /// required data and anything malformed are an <paramref name="error"/>, never an exception.
    /// </summary>
    public static bool TryDecode(ReadOnlyMemory<byte> payload, [NotNullWhen(true)] out ClusterEnvelope? envelope, [NotNullWhen(false)] out string? error) =>
        WireReader.TryDecode(payload, WireReader.DetectFraming(payload.Span), Read, out envelope, out error);

    private static void WriteData(WireWriter writer, ClusterMessage message)
    {
        var json = writer.Json;
        if (message is InitialHeartbeatMessage or HeartbeatMessage or AdapterCloseMessage)
        {
            return;
        }

        json.WriteStartObject("data"u8);
        switch (message)
        {
            case BroadcastMessage broadcast:
                json.WritePropertyName("packet"u8);
                writer.WritePacket(broadcast.Packet);
                WriteOptionalString(writer, "requestId"u8, broadcast.RequestId);
                json.WritePropertyName("opts"u8);
                writer.WriteOptions(broadcast.Options, OptionsLayout.RoomsExceptFlags);
                break;

            case SocketsJoinMessage join:
                WriteRoomsRequest(writer, join.Options, join.Rooms);
                break;

            case SocketsLeaveMessage leave:
                WriteRoomsRequest(writer, leave.Options, leave.Rooms);
                break;

            case DisconnectSocketsMessage disconnect:
                json.WritePropertyName("opts"u8);
                writer.WriteOptions(disconnect.Options, OptionsLayout.RoomsExceptFlags);
                json.WriteBoolean("close"u8, disconnect.Close);
                break;

            case FetchSocketsMessage fetch:
                json.WritePropertyName("opts"u8);
                writer.WriteOptions(fetch.Options, OptionsLayout.RoomsExceptFlags);
                json.WriteString("requestId"u8, fetch.RequestId);
                break;

            case FetchSocketsResponseMessage fetched:
                json.WriteString("requestId"u8, fetched.RequestId);
                json.WritePropertyName("sockets"u8);
                writer.WriteSockets(fetched.Sockets);
                break;

            case ServerSideEmitMessage emit:
                WriteOptionalString(writer, "requestId"u8, emit.RequestId);
                json.WritePropertyName("packet"u8);
                writer.WriteValue(emit.Packet);
                break;

            case ServerSideEmitResponseMessage emitAck:
                json.WriteString("requestId"u8, emitAck.RequestId);
                WriteOptionalValue(writer, emitAck.Packet);
                break;

            case BroadcastClientCountMessage count:
                json.WriteString("requestId"u8, count.RequestId);
                json.WriteNumber("clientCount"u8, count.ClientCount);
                break;

            case BroadcastAckMessage ack:
                json.WriteString("requestId"u8, ack.RequestId);
                WriteOptionalValue(writer, ack.Packet);
                break;

            default:
                throw new ArgumentException($"No encoding for {message.GetType().Name}.", nameof(message));
        }

        json.WriteEndObject();
    }

    private static void WriteRoomsRequest(WireWriter writer, BroadcastOptions options, IReadOnlyList<string> rooms)
    {
        writer.Json.WritePropertyName("opts"u8);
        writer.WriteOptions(options, OptionsLayout.RoomsExceptFlags);
        writer.Json.WritePropertyName("rooms"u8);
        writer.WriteStrings(rooms);
    }

    private static void WriteOptionalString(WireWriter writer, ReadOnlySpan<byte> name, string? value)
    {
        if (value is not null)
        {
            writer.Json.WriteString(name, value);
        }
    }

    /// <summary>An acknowledgement's first argument under <c>packet</c>; left out when there was none, as JavaScript drops <c>undefined</c>.</summary>
    private static void WriteOptionalValue(WireWriter writer, Protocol.Packets.PayloadValue? value)
    {
        if (value is not null)
        {
            writer.Json.WritePropertyName("packet"u8);
            writer.WriteValue(value);
        }
    }
}
