using SocketIo.Protocol.Packets;
using SocketIo.Server.Internal;

namespace SocketIo.Server;

public sealed partial class Socket
{
    /// <summary>
    /// Disconnects this socket: the client receives a namespace DISCONNECT and the reason here is
    /// <c>server namespace disconnect</c>. With <paramref name="close"/>, every socket of the same client
    /// disconnects and the underlying connection closes too.
    /// </summary>
    public void Disconnect(bool close = false)
    {
        if (close)
        {
            _client.DisconnectAll();
            return;
        }

        if (!Connected)
        {
            return;
        }

        _client.Send(OutboundPacket.Control(_client.Parser, SocketIoPacketType.Disconnect, Namespace.Name), isVolatile: false);
        OnClose(SocketIoDisconnectReasons.ServerNamespaceDisconnect);
    }

    /// <summary>
    /// Ends the socket once: <c>disconnecting</c> listeners (rooms still readable), leaving every room, then
    /// <c>disconnect</c> listeners.
    /// </summary>
    internal void OnClose(string reason)
    {
        if (!TryMarkDisconnected())
        {
            return;
        }

        Log.SocketDisconnected(_client.Logger, Id, Namespace.Name, reason);
        foreach (var listener in _disconnectingListeners)
        {
            InvokeSafely(listener, reason);
        }

        Namespace.Adapter.DelAll(Id);
        Namespace.Remove(this);
        _client.Remove(this);
        System.Threading.Volatile.Read(ref _disconnected)?.Cancel();
        FailPendingAcks();
        foreach (var listener in _disconnectListeners)
        {
            InvokeSafely(listener, reason);
        }
    }
}
