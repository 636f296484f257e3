using SocketIo.Engine;
using SocketIo.Protocol.Engine;

namespace SocketIo.AdminUI.Internal;

/// <summary>A session as the Socket.IO layer sees it through the instrumentation: everything is the session's own, sends are counted.</summary>
internal sealed class TrafficConnection(IEngineIoConnection inner, EngineTraffic traffic) : IEngineIoConnection
{
    public string Id => inner.Id;

    public int ProtocolVersion => inner.ProtocolVersion;

    public string Transport => inner.Transport;

    public EngineIoRequest Request => inner.Request;

    public bool IsOpen => inner.IsOpen;

    public long BufferedBytes => inner.BufferedBytes;

    public EngineSendResult Send(ReadOnlySpan<EngineFrame> frames, bool isVolatile = false)
        => Count(inner.Send(frames, isVolatile), frames);

    public EngineSendResult SendAndWrite(ReadOnlySpan<EngineFrame> frames) => Count(inner.SendAndWrite(frames), frames);

    private EngineSendResult Count(EngineSendResult result, ReadOnlySpan<EngineFrame> frames)
    {
        if (result == EngineSendResult.Queued && traffic.Presence.Active)
        {
            long bytes = 0;
            foreach (var frame in frames)
            {
                bytes += frame.Payload.Length;
            }

            traffic.Counters.Sent(frames.Length, bytes);
        }

        return result;
    }

    public ValueTask<bool> WaitForDrainAsync(long threshold, CancellationToken cancellationToken = default)
        => inner.WaitForDrainAsync(threshold, cancellationToken);

    public void Close(string? reason = null) => inner.Close(reason);
}
