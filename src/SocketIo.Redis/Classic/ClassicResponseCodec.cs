using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using SocketIo.Adapters.Wire;

namespace SocketIo.Redis.Classic;

/// <summary>
/// The classic adapter's response channels: JSON, except a client's broadcast acknowledgement (type 9), which is
/// MessagePack; a receiver tells them apart by the first byte. Keys are written in Node's order.
/// </summary>
internal static class ClassicResponseCodec
{
    /// <summary>Encodes a response.</summary>
    public static byte[] Encode(ClassicResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        using var writer = new WireWriter(response is BroadcastAckResponse ? WireFraming.Msgpack : WireFraming.Json);
        var json = writer.Json;
        json.WriteStartObject();
        switch (response)
        {
            case RequestReply reply:
                json.WriteString("requestId"u8, reply.RequestId);
                if (reply.Rooms is { } rooms)
                {
                    json.WritePropertyName("rooms"u8);
                    writer.WriteStrings(rooms);
                }
                else if (reply.Sockets is { } sockets)
                {
                    json.WritePropertyName("sockets"u8);
                    writer.WriteSockets(sockets);
                }
                else if (reply.SocketIds is { } ids)
                {
                    json.WritePropertyName("sockets"u8);
                    writer.WriteStrings(ids);
                }

                break;

            case BroadcastClientCountResponse count:
                json.WriteNumber("type"u8, (int)ClassicRequestType.BroadcastClientCount);
                json.WriteString("requestId"u8, count.RequestId);
                json.WriteNumber("clientCount"u8, count.ClientCount);
                break;

            case BroadcastAckResponse ack:
                json.WriteNumber("type"u8, (int)ClassicRequestType.BroadcastAck);
                json.WriteString("requestId"u8, ack.RequestId);
                WriteArgument(writer, "packet"u8, ack.Argument);
                break;

            case ServerSideEmitResponse emitAck:
                json.WriteNumber("type"u8, (int)ClassicRequestType.ServerSideEmit);
                json.WriteString("requestId"u8, emitAck.RequestId);
                WriteArgument(writer, "data"u8, emitAck.Argument);
                break;

            default:
                throw new ArgumentException($"No encoding for {response.GetType().Name}.", nameof(response));
        }

        json.WriteEndObject();
        return writer.ToArray();
    }

    /// <summary>
    /// Decodes a response: JSON when the first byte is <c>{</c>, MessagePack otherwise. One without a request id, or
    /// malformed, is an <paramref name="error"/>, never an exception.
    /// </summary>
    public static bool TryDecode(ReadOnlyMemory<byte> payload, [NotNullWhen(true)] out ClassicResponse? response, [NotNullWhen(false)] out string? error) =>
        WireReader.TryDecode(payload, WireReader.DetectFraming(payload.Span), Read, out response, out error);

    private static ClassicResponse Read(WireReader reader)
    {
        var root = reader.RootObject();
        var requestId = WireReader.RequireString(root, "requestId");
        return WireReader.FindInteger(root, "type") switch
        {
            (long)ClassicRequestType.BroadcastClientCount => new BroadcastClientCountResponse(requestId, WireReader.RequireInteger(root, "clientCount")),
            (long)ClassicRequestType.BroadcastAck => new BroadcastAckResponse(requestId, reader.ReadOptionalValue(root, "packet")),
            (long)ClassicRequestType.ServerSideEmit => new ServerSideEmitResponse(requestId, reader.ReadOptionalValue(root, "data")),
            _ => ReadReply(reader, root, requestId),
        };
    }

    private static RequestReply ReadReply(WireReader reader, JsonElement root, string requestId)
    {
        var rooms = WireReader.Find(root, "rooms") is { ValueKind: JsonValueKind.Array } list ? WireReader.ReadRooms(list, "rooms") : null;
        if (WireReader.Find(root, "sockets") is not { ValueKind: JsonValueKind.Array } sockets)
        {
            return new RequestReply(requestId, rooms);
        }

        // Socket details (objects) answer a fetch; legacy ids (strings) answer the old sockets request.
        var isLegacy = sockets.GetArrayLength() > 0 && sockets[0].ValueKind == JsonValueKind.String;
        return isLegacy
            ? new RequestReply(requestId, rooms, SocketIds: WireReader.ReadRooms(sockets, "sockets"))
            : new RequestReply(requestId, rooms, Sockets: reader.ReadSockets(sockets));
    }

    /// <summary>An acknowledgement's first argument; left out when there was none, as JavaScript drops <c>undefined</c>.</summary>
    private static void WriteArgument(WireWriter writer, ReadOnlySpan<byte> name, Protocol.Packets.PayloadValue? argument)
    {
        if (argument is not null)
        {
            writer.Json.WritePropertyName(name);
            writer.WriteValue(argument);
        }
    }
}
