using SocketIo.Adapters;
using SocketIo.Adapters.Cluster;
using SocketIo.Adapters.Wire;
using SocketIo.Redis.Classic;
using SocketIo.Redis.Diagnostics;
using StackExchange.Redis;

namespace SocketIo.Redis;

/// <summary>
/// What this node does with what it receives, in delivery order: a broadcast is delivered to the matching local
/// sockets (skipped undecoded when it names one room this node does not have); a request is applied or answered; an
/// answer feeds the pending request it names (other nodes' answers pass by on the shared channel all the time).
/// </summary>
public sealed partial class RedisAdapter
{
    private void OnMessage(ChannelMessage message)
    {
        RedisTelemetry.Received();
        var channel = message.Channel.ToString();
        try
        {
            ReadOnlyMemory<byte> payload = message.Message;
            if (_channels.TryGetRoom(channel, out var room))
            {
                OnBroadcast(channel, room, payload);
            }
            else if (string.Equals(channel, _channels.Request, StringComparison.Ordinal))
            {
                OnRequest(channel, payload);
            }
            else if (string.Equals(channel, _channels.Response, StringComparison.Ordinal)
                || string.Equals(channel, _channels.SpecificResponse(Uid), StringComparison.Ordinal))
            {
                OnResponse(channel, payload);
            }
        }
#pragma warning disable CA1031 // One message that cannot be handled must not stop the others; it is logged.
        catch (Exception e)
#pragma warning restore CA1031
        {
            Log.HandlingFailed(Host.Logger, NamespaceName, channel, e);
        }
    }

    private void OnBroadcast(string channel, string room, ReadOnlyMemory<byte> payload)
    {
        if (room.Length > 0 && !HasRoom(room))
        {
            return;
        }

        if (!ClassicBroadcastCodec.TryDecode(payload, out var broadcast, out var error))
        {
            RedisTelemetry.Malformed();
            Log.Malformed(Host.Logger, NamespaceName, channel, error);
            return;
        }

        if (string.Equals(broadcast.Uid, Uid, StringComparison.Ordinal) || !string.Equals(broadcast.Packet.Nsp, NamespaceName, StringComparison.Ordinal))
        {
            return;
        }

        BroadcastLocally(broadcast.Packet.Data, broadcast.Options);
    }

    private void OnRequest(string channel, ReadOnlyMemory<byte> payload)
    {
        if (!ClassicRequestCodec.TryDecode(payload, out var request, out var error))
        {
            RedisTelemetry.Malformed();
            Log.Malformed(Host.Logger, NamespaceName, channel, error);
            return;
        }

        // This node applied its own joins, leaves and disconnects when it sent them, and answers none of its own requests.
        if (string.Equals(request.Uid, Uid, StringComparison.Ordinal))
        {
            return;
        }

        switch (request)
        {
            case RemoteJoinRequest join:
                AddSocketsLocally(join.Options, join.Rooms);
                break;
            case RemoteLeaveRequest leave:
                DelSocketsLocally(leave.Options, leave.Rooms);
                break;
            case RemoteDisconnectRequest disconnect:
                DisconnectSocketsLocally(disconnect.Options, disconnect.Close);
                break;
            case AllRoomsRequest allRooms when !_allRooms.Contains(allRooms.RequestId):
                Answer(request, new RequestReply(allRooms.RequestId, Rooms: [.. Rooms]));
                break;
            case RemoteFetchRequest fetch when !_fetches.Contains(fetch.RequestId):
                Answer(request, new RequestReply(fetch.RequestId, Sockets: DescribeLocalSockets(fetch.Options)));
                break;
            case ServerSideEmitRequest { RequestId: null } emit:
                Host.OnServerSideEmit(emit.Data, ack: null);
                break;
            case ServerSideEmitRequest emit when !_emits.Contains(emit.RequestId):
                Host.OnServerSideEmit(emit.Data, AnswerOnce(emit.RequestId));
                break;
            case BroadcastWithAckRequest broadcast when !_ackBroadcasts.Contains(broadcast.RequestId):
                AnswerBroadcast(request, broadcast);
                break;
            case SocketsRequest sockets:
                var matching = MatchingSocketIds(new BroadcastOptions([.. sockets.Rooms], [], BroadcastFlags.None));
                Answer(request, new RequestReply(sockets.RequestId, SocketIds: matching));
                break;
            case LegacySocketRequest legacy when IsLocalSocket(legacy.Sid):
                ApplyLegacy(legacy);
                Answer(request, new RequestReply(legacy.RequestId));
                break;
        }
    }

    private void OnResponse(string channel, ReadOnlyMemory<byte> payload)
    {
        if (!ClassicResponseCodec.TryDecode(payload, out var response, out var error))
        {
            RedisTelemetry.Malformed();
            Log.Malformed(Host.Logger, NamespaceName, channel, error);
            return;
        }

        switch (response)
        {
            case BroadcastClientCountResponse count when count.ClientCount is >= 0 and <= int.MaxValue:
                _ackBroadcasts.TryCount(count.RequestId, (int)count.ClientCount);
                break;
            case BroadcastAckResponse ack:
                _ackBroadcasts.TryAck(ack.RequestId, AckAnswers.FromValue(ack.Argument));
                break;
            case ServerSideEmitResponse emitAck:
                _emits.TryAdd(emitAck.RequestId, [AckAnswers.FromValue(emitAck.Argument)]);
                break;
            case RequestReply reply:
                // The pending request's own kind says what the answer holds; one without it still counts as an answer.
                if (!_allRooms.TryAdd(reply.RequestId, reply.Rooms ?? []))
                {
                    _fetches.TryAdd(reply.RequestId, reply.Sockets ?? []);
                }

                break;
        }
    }

    /// <summary>
    /// Delivers a broadcast that asks for acknowledgements (its rooms and exceptions only, as Node: the flags stay
    /// with the sender), tells the requester how many sockets it reached — 0 included, or it waits until its timeout —
    /// and forwards each client's answer as it comes.
    /// </summary>
    private void AnswerBroadcast(ClassicRequest request, BroadcastWithAckRequest broadcast)
    {
        var options = broadcast.Options with { Flags = BroadcastFlags.None };
        var timeout = broadcast.Options.Flags.Timeout ?? _options.RequestsTimeout;
        var requestId = broadcast.RequestId;
        var count = BroadcastWithAckLocally(
            broadcast.Packet.Data,
            options,
            timeout,
            answer => Answer(request, new BroadcastAckResponse(requestId, AckAnswers.ToValue(answer))));
        Answer(request, new BroadcastClientCountResponse(requestId, count));
    }

    /// <summary>The acknowledgement a node's listeners answer a server-side emit with: only the first call is sent, always on the shared channel.</summary>
    private Action<AckResponse> AnswerOnce(string requestId) => ClusterOperations.Once(
        answer => _ = ObserveAsync(PublishAsync(_channels.Response, ClassicResponseCodec.Encode(new ServerSideEmitResponse(requestId, AckAnswers.ToValue(answer))), CancellationToken.None)));

    /// <summary>Answers on the requester's own channel when this node's option says so, on the shared one otherwise.</summary>
    private void Answer(ClassicRequest request, ClassicResponse response)
    {
        var channel = _channels.ResponseChannelFor(request.Uid, _options.PublishOnSpecificResponseChannel);
        _ = ObserveAsync(PublishAsync(channel, ClassicResponseCodec.Encode(response), CancellationToken.None));
    }

    /// <summary>A join, leave or disconnect of one socket by id, as adapters before 8.x sent them.</summary>
    private void ApplyLegacy(LegacySocketRequest legacy)
    {
        switch (legacy.Kind)
        {
            case ClassicRequestType.RemoteJoin when legacy.Room is { } room:
                AddAll(legacy.Sid, [room]);
                break;
            case ClassicRequestType.RemoteLeave when legacy.Room is { } room:
                Del(legacy.Sid, room);
                break;
            case ClassicRequestType.RemoteDisconnect:
                Host.Disconnect(legacy.Sid, legacy.Close);
                break;
        }
    }

    private Task ObserveAsync(ValueTask publishing) => ClusterOperations.ObserveAsync(publishing, e => Log.AnswerFailed(Host.Logger, NamespaceName, e));
}
