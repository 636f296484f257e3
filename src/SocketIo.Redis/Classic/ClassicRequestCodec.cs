using System.Diagnostics.CodeAnalysis;
using SocketIo.Adapters;
using SocketIo.Adapters.Wire;

namespace SocketIo.Redis.Classic;

/// <summary>
/// The classic adapter's request channel: JSON for every request except the acknowledged broadcast (type 7), which is
/// MessagePack; a receiver tells them apart by the first byte. Keys are written in Node's order.
/// </summary>
internal static partial class ClassicRequestCodec
{
    /// <summary>Encodes a request. Legacy forms are only ever read.</summary>
    public static byte[] Encode(ClassicRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var writer = new WireWriter(request is BroadcastWithAckRequest ? WireFraming.Msgpack : WireFraming.Json);
        var json = writer.Json;
        json.WriteStartObject();
        if (request.Uid is { } uid)
        {
            json.WriteString("uid"u8, uid);
        }

        switch (request)
        {
            case AllRoomsRequest allRooms:
                json.WriteString("requestId"u8, allRooms.RequestId);
                WriteType(writer, request);
                break;

            case RemoteJoinRequest join:
                WriteRoomsRequest(writer, request, join.Options, join.Rooms);
                break;

            case RemoteLeaveRequest leave:
                WriteRoomsRequest(writer, request, leave.Options, leave.Rooms);
                break;

            case RemoteDisconnectRequest disconnect:
                WriteType(writer, request);
                WriteOptions(writer, disconnect.Options);
                json.WriteBoolean("close"u8, disconnect.Close);
                break;

            case RemoteFetchRequest fetch:
                json.WriteString("requestId"u8, fetch.RequestId);
                WriteType(writer, request);
                WriteOptions(writer, fetch.Options);
                break;

            case ServerSideEmitRequest emit:
                if (emit.RequestId is { } emitRequestId)
                {
                    json.WriteString("requestId"u8, emitRequestId);
                }

                WriteType(writer, request);
                json.WritePropertyName("data"u8);
                writer.WriteValue(emit.Data);
                break;

            case BroadcastWithAckRequest broadcast:
                json.WriteString("requestId"u8, broadcast.RequestId);
                WriteType(writer, request);
                json.WritePropertyName("packet"u8);
                writer.WritePacket(broadcast.Packet);
                json.WritePropertyName("opts"u8);
                writer.WriteOptions(broadcast.Options, OptionsLayout.RoomsExceptFlags);
                break;

            default:
                throw new ArgumentException($"{request.GetType().Name} is only read, never sent.", nameof(request));
        }

        json.WriteEndObject();
        return writer.ToArray();
    }

    /// <summary>
    /// Decodes a request: JSON when the first byte is <c>{</c>, MessagePack otherwise. Unknown types and anything
    /// malformed are an <paramref name="error"/>, never an exception.
    /// </summary>
    public static bool TryDecode(ReadOnlyMemory<byte> payload, [NotNullWhen(true)] out ClassicRequest? request, [NotNullWhen(false)] out string? error) =>
        WireReader.TryDecode(payload, WireReader.DetectFraming(payload.Span), Read, out request, out error);

    private static void WriteType(WireWriter writer, ClassicRequest request) => writer.Json.WriteNumber("type"u8, (int)request.Type);

    /// <summary>Join and leave: the type, which sockets, which rooms.</summary>
    private static void WriteRoomsRequest(WireWriter writer, ClassicRequest request, BroadcastOptions options, IReadOnlyList<string> rooms)
    {
        WriteType(writer, request);
        WriteOptions(writer, options);
        writer.Json.WritePropertyName("rooms"u8);
        writer.WriteStrings(rooms);
    }

    /// <summary>Requests other than the broadcast carry only the rooms and the exceptions, never flags.</summary>
    private static void WriteOptions(WireWriter writer, BroadcastOptions options)
    {
        writer.Json.WritePropertyName("opts"u8);
        writer.WriteOptions(options, OptionsLayout.RoomsExcept);
    }
}
