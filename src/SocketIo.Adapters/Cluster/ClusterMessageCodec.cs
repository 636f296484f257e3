using System.Diagnostics.CodeAnalysis;
using SocketIo.Adapters.Wire;

namespace SocketIo.Adapters.Cluster;

/// <summary>
/// The two encodings of a <see cref="ClusterAdapterMessage"/> as Node's ClusterAdapter protocol carries it, the
/// envelope <c>{"type","data"?,"uid","nsp"}</c>: JSON as <c>JSON.stringify</c> writes it, keys in Node's order, and the
/// MessagePack of the same object, binary as native <c>bin</c>. Which one a transport sends is its own rule; decoding
/// takes either, told apart by the first byte.
/// </summary>
internal static partial class ClusterMessageCodec
{
    /// <summary>Encodes a message in <paramref name="framing"/> (binary in JSON becomes Node's Buffer JSON).</summary>
    public static byte[] Encode(ClusterAdapterMessage message, WireFraming framing)
    {
        ArgumentNullException.ThrowIfNull(message);
        using var writer = new WireWriter(framing);
        var json = writer.Json;
        json.WriteStartObject();
        json.WriteNumber("type"u8, (int)TypeOf(message));
        WriteData(writer, message);
        json.WriteString("uid"u8, message.Uid);
        json.WriteString("nsp"u8, message.Namespace);
        json.WriteEndObject();
        return writer.ToArray();
    }

    /// <summary>
    /// Decodes a message, JSON when the first byte is <c>{</c>, MessagePack otherwise. A message without a namespace
    /// takes <paramref name="fallbackNamespace"/> (the one its channel names), and one without a uid is an emitter's.
    /// Unknown types, missing required data and anything malformed are an <paramref name="error"/>, never an exception.
    /// </summary>
    public static bool TryDecode(
        ReadOnlyMemory<byte> payload,
        string? fallbackNamespace,
        [NotNullWhen(true)] out ClusterAdapterMessage? message,
        [NotNullWhen(false)] out string? error) =>
        WireReader.TryDecode(payload, WireReader.DetectFraming(payload.Span), reader => Read(reader, fallbackNamespace), out message, out error);

    /// <summary>Gets the type number a message travels with.</summary>
    public static ClusterMessageType TypeOf(ClusterAdapterMessage message) => message switch
    {
        ClusterHeartbeat { IsInitial: true } => ClusterMessageType.InitialHeartbeat,
        ClusterHeartbeat => ClusterMessageType.Heartbeat,
        ClusterBroadcast => ClusterMessageType.Broadcast,
        ClusterSocketsJoin => ClusterMessageType.SocketsJoin,
        ClusterSocketsLeave => ClusterMessageType.SocketsLeave,
        ClusterDisconnectSockets => ClusterMessageType.DisconnectSockets,
        ClusterFetchSockets => ClusterMessageType.FetchSockets,
        ClusterFetchSocketsResponse => ClusterMessageType.FetchSocketsResponse,
        ClusterServerSideEmit => ClusterMessageType.ServerSideEmit,
        ClusterServerSideEmitResponse => ClusterMessageType.ServerSideEmitResponse,
        ClusterBroadcastClientCount => ClusterMessageType.BroadcastClientCount,
        ClusterBroadcastAck => ClusterMessageType.BroadcastAck,
        ClusterAdapterClosed => ClusterMessageType.AdapterClose,
        _ => throw new ArgumentException($"No encoding for {message.GetType().Name}.", nameof(message)),
    };

    /// <summary>Whether the message's data holds binary (Node's <c>hasBinary(message.data)</c>).</summary>
    public static bool HasBinary(ClusterAdapterMessage message) => message switch
    {
        ClusterBroadcast broadcast => broadcast.Packet.Attachments.Count > 0,
        ClusterServerSideEmit emit => emit.Packet.Attachments.Count > 0,
        ClusterServerSideEmitResponse response => AckAnswers.ToValue(response.Answer)?.HasBinary == true,
        ClusterBroadcastAck ack => AckAnswers.ToValue(ack.Answer)?.HasBinary == true,
        _ => false,
    };

    private static void WriteData(WireWriter writer, ClusterAdapterMessage message)
    {
        var json = writer.Json;
        if (message is ClusterHeartbeat or ClusterAdapterClosed)
        {
            return;
        }

        json.WriteStartObject("data"u8);
        switch (message)
        {
            case ClusterBroadcast broadcast:
                json.WritePropertyName("packet"u8);
                writer.WritePacket(new BroadcastPacket(broadcast.Packet));
                WriteOptionalString(writer, "requestId"u8, broadcast.RequestId);
                json.WritePropertyName("opts"u8);
                writer.WriteOptions(broadcast.Options, OptionsLayout.RoomsExceptFlags);
                break;

            case ClusterSocketsJoin join:
                WriteRoomsRequest(writer, join.Options, join.Rooms);
                break;

            case ClusterSocketsLeave leave:
                WriteRoomsRequest(writer, leave.Options, leave.Rooms);
                break;

            case ClusterDisconnectSockets disconnect:
                json.WritePropertyName("opts"u8);
                writer.WriteOptions(disconnect.Options, OptionsLayout.RoomsExceptFlags);
                json.WriteBoolean("close"u8, disconnect.Close);
                break;

            case ClusterFetchSockets fetch:
                json.WritePropertyName("opts"u8);
                writer.WriteOptions(fetch.Options, OptionsLayout.RoomsExceptFlags);
                json.WriteString("requestId"u8, fetch.RequestId);
                break;

            case ClusterFetchSocketsResponse fetched:
                json.WriteString("requestId"u8, fetched.RequestId);
                json.WritePropertyName("sockets"u8);
                writer.WriteSockets(fetched.Sockets);
                break;

            case ClusterServerSideEmit emit:
                WriteOptionalString(writer, "requestId"u8, emit.RequestId);
                json.WritePropertyName("packet"u8);
                writer.WriteValue(emit.Packet);
                break;

            case ClusterServerSideEmitResponse emitAck:
                json.WriteString("requestId"u8, emitAck.RequestId);
                writer.WriteAnswer("packet"u8, emitAck.Answer);
                break;

            case ClusterBroadcastClientCount count:
                json.WriteString("requestId"u8, count.RequestId);
                json.WriteNumber("clientCount"u8, count.ClientCount);
                break;

            case ClusterBroadcastAck ack:
                json.WriteString("requestId"u8, ack.RequestId);
                writer.WriteAnswer("packet"u8, ack.Answer);
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
}
