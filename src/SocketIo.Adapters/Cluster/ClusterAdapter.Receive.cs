using Microsoft.Extensions.Logging;

namespace SocketIo.Adapters.Cluster;

/// <summary>What a node does with a message from another: apply it locally, answer a request, or feed a pending one.</summary>
public abstract partial class ClusterAdapter
{
    /// <summary>
    /// Handles a message the transport received. Its own echoes (same <see cref="ClusterAdapterMessage.Uid"/>) and
    /// messages of another namespace are ignored. Local delivery happens before the returned task's first await, so
    /// a transport that calls this in arrival order delivers in arrival order; awaiting the task is optional. Never
    /// throws: a failure is logged.
    /// </summary>
    protected async Task OnMessageAsync(ClusterAdapterMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (string.Equals(message.Uid, Uid, StringComparison.Ordinal) || !string.Equals(message.Namespace, NamespaceName, StringComparison.Ordinal))
        {
            return;
        }

        try
        {
            switch (message)
            {
                case ClusterBroadcast { RequestId: null } broadcast:
                    BroadcastLocally(broadcast.Packet, broadcast.Options);
                    break;
                case ClusterBroadcast broadcast:
                    await AnswerBroadcastAsync(broadcast).ConfigureAwait(false);
                    break;
                case ClusterSocketsJoin join:
                    AddSocketsLocally(join.Options, join.Rooms);
                    break;
                case ClusterSocketsLeave leave:
                    DelSocketsLocally(leave.Options, leave.Rooms);
                    break;
                case ClusterDisconnectSockets disconnect:
                    DisconnectSocketsLocally(disconnect.Options, disconnect.Close);
                    break;
                case ClusterFetchSockets fetch:
                    var sockets = DescribeLocalSockets(fetch.Options);
                    await RespondAsync(fetch.Uid, new ClusterFetchSocketsResponse(fetch.RequestId, sockets) { Uid = Uid, Namespace = NamespaceName }).ConfigureAwait(false);
                    break;
                case ClusterServerSideEmit { RequestId: null } emit:
                    Host.OnServerSideEmit(emit.Packet, ack: null);
                    break;
                case ClusterServerSideEmit emit:
                    Host.OnServerSideEmit(emit.Packet, AnswerOnce(emit.Uid, emit.RequestId));
                    break;
                case ClusterFetchSocketsResponse response:
                    _fetches.TryAdd(response.RequestId, response.Sockets);
                    break;
                case ClusterServerSideEmitResponse response:
                    _emits.TryAdd(response.RequestId, [response.Answer]);
                    break;
                case ClusterBroadcastClientCount response:
                    _ackBroadcasts.TryCount(response.RequestId, response.ClientCount);
                    break;
                case ClusterBroadcastAck response:
                    _ackBroadcasts.TryAck(response.RequestId, response.Answer);
                    break;
            }
        }
#pragma warning disable CA1031 // A message that cannot be handled must not stop the transport's receive loop; it is logged.
        catch (Exception e)
#pragma warning restore CA1031
        {
            Log.MessageFailed(Host.Logger, NamespaceName, message.GetType().Name, message.Uid, e);
        }
    }

    /// <summary>
    /// Delivers a broadcast that asks for acknowledgements, then tells the requester how many sockets it reached (0
    /// included: the requester waits for every node's count), and forwards each client's answer as it comes.
    /// </summary>
    private Task AnswerBroadcastAsync(ClusterBroadcast broadcast)
    {
        var requester = broadcast.Uid;
        var requestId = broadcast.RequestId!;
        var timeout = broadcast.Options.Flags.Timeout ?? Options.RequestsTimeout;
        var count = BroadcastWithAckLocally(
            broadcast.Packet,
            broadcast.Options,
            timeout,
            answer => _ = ObserveAsync(RespondAsync(requester, new ClusterBroadcastAck(requestId, answer.FirstArgumentOnly()) { Uid = Uid, Namespace = NamespaceName })));
        return RespondAsync(requester, new ClusterBroadcastClientCount(requestId, count) { Uid = Uid, Namespace = NamespaceName }).AsTask();
    }

    /// <summary>The acknowledgement a node's listeners answer a server-side emit with: only the first call is sent.</summary>
    private Action<AckResponse> AnswerOnce(string requester, string requestId) => ClusterOperations.Once(
        answer => _ = ObserveAsync(RespondAsync(requester, new ClusterServerSideEmitResponse(requestId, answer.FirstArgumentOnly()) { Uid = Uid, Namespace = NamespaceName })));

    private ValueTask RespondAsync(string requesterUid, ClusterAdapterMessage response) => PublishResponseAsync(requesterUid, response, CancellationToken.None);

    private Task ObserveAsync(ValueTask publishing) => ClusterOperations.ObserveAsync(publishing, e => Log.ResponseFailed(Host.Logger, NamespaceName, e));

    private static partial class Log
    {
        [LoggerMessage(510, LogLevel.Warning, "The adapter of {Namespace} could not handle a {MessageType} from node {Uid}.")]
        public static partial void MessageFailed(ILogger logger, string @namespace, string messageType, string uid, Exception exception);

        [LoggerMessage(511, LogLevel.Warning, "The adapter of {Namespace} could not send an answer to another node; it will time out waiting.")]
        public static partial void ResponseFailed(ILogger logger, string @namespace, Exception exception);
    }
}
