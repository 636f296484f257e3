using SocketIo.Adapters;
using SocketIo.Engine;
using SocketIo.Protocol.Engine;

namespace SocketIo.Server;

public sealed partial class Socket
{
    /// <summary>
    /// Queues a broadcast's frames, which carry <paramref name="ackId"/>, and waits for this client's answer. Returns
    /// false, with nothing left waiting, when the frames were not queued (the socket is disconnecting, the connection
    /// closed or overflowed): such a socket cannot answer, so the broadcast must not count it.
    /// </summary>
    internal bool TrySendWithAck(ReadOnlySpan<EngineFrame> frames, long ackId, TimeSpan timeout, Action<AckResponse> onAck)
    {
        if (!Connected)
        {
            return false;
        }

        ExpectAck(ackId, timeout, onAck);
        if (_client.Send(frames, isVolatile: false) == EngineSendResult.Queued)
        {
            return true;
        }

        if (_pendingAcksOrNull is { } pendingAcks && pendingAcks.TryRemove(ackId, out var pending))
        {
            pending.Forget();
        }

        return false;
    }
}
