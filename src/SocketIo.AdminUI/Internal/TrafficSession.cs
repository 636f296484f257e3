using SocketIo.Engine;

namespace SocketIo.AdminUI.Internal;

/// <summary>The Socket.IO layer's receiver of one session, with the messages counted on the way in and the close seen.</summary>
internal sealed class TrafficSession(IEngineIoSessionHandler inner, TrafficConnection connection, EngineTraffic traffic) : IEngineIoSessionHandler
{
    public ValueTask OnTextMessageAsync(ReadOnlyMemory<byte> utf8)
    {
        Count(utf8.Length);
        return inner.OnTextMessageAsync(utf8);
    }

    public ValueTask OnBinaryMessageAsync(ReadOnlyMemory<byte> data)
    {
        Count(data.Length);
        return inner.OnBinaryMessageAsync(data);
    }

    public void OnUpgraded() => inner.OnUpgraded();

    public void OnClosed(string reason)
    {
        traffic.OnClosed(connection, reason);
        inner.OnClosed(reason);
    }

    private void Count(int bytes)
    {
        if (traffic.Presence.Active)
        {
            traffic.Counters.Received(bytes);
        }
    }
}
