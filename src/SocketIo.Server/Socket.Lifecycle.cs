using SocketIo.Protocol.Packets;
using SocketIo.Server.Diagnostics;
using SocketIo.Server.Internal;

namespace SocketIo.Server;

public sealed partial class Socket
{
    /// <summary>
    /// Disconnects this socket: the client receives a namespace DISCONNECT and the reason here is
    /// <c>server namespace disconnect</c>. With <paramref name="close"/>, every socket of the same client
    /// disconnects and the underlying connection closes too.
    /// </summary>
    /// <remarks>
    /// When this returns, <see cref="Connected"/> is <see langword="false"/>, no broadcast reaches the socket and its
    /// awaited acknowledgements have failed. Its <c>disconnecting</c> and <c>disconnect</c> listeners and the
    /// <see cref="Disconnected"/> token's callbacks run afterwards on its own client's lifecycle queue, never on the
    /// caller's thread, so disconnecting another client's socket from a handler never runs that client's code here.
    /// </remarks>
    public void Disconnect(bool close = false)
    {
        if (close)
        {
            _client.DisconnectAll();
            return;
        }

        // Marked before the DISCONNECT is sent, so a client that has read it never finds this socket still connected.
        if (!TryMarkDisconnectedIfConnected())
        {
            return;
        }

        _client.Send(OutboundPacket.Control(_client.Parser, SocketIoPacketType.Disconnect, Namespace.Name), isVolatile: false);
        Close(SocketIoDisconnectReasons.ServerNamespaceDisconnect);
    }

    /// <summary>
    /// Ends the socket once. At once, on the caller's thread: it is marked disconnected, leaves the namespace's
    /// socket map and its client, and its pending acknowledgements fail. Then, on the client's lifecycle queue:
    /// <c>disconnecting</c> listeners (rooms still readable), leaving every room, the disconnect token, and the
    /// <c>disconnect</c> listeners.
    /// </summary>
    internal void OnClose(string reason)
    {
        if (TryMarkDisconnected())
        {
            Close(reason);
        }
    }

    /// <summary>The close of a socket just marked disconnected.</summary>
    private void Close(string reason)
    {
        Log.SocketDisconnected(_client.Logger, Id, Namespace.Name, reason);
        ServerTelemetry.SocketClosed(this, reason);
        Namespace.Detach(this);
        _client.Remove(this);
        FailPendingAcks();
        KeepSessionIfRecoverable(reason);
        _client.Lifecycle.Post(static state =>
        {
            var (socket, reason) = ((Socket, string))state!;
            socket.RunCloseListeners(reason);
        }, (this, reason));
    }

    /// <summary>The part of a close that runs user code, on the client's lifecycle queue.</summary>
    private void RunCloseListeners(string reason)
    {
        try
        {
            foreach (var listener in _disconnectingListeners)
            {
                InvokeSafely(listener, reason);
            }

            Namespace.Adapter.DelAll(Id);
            Namespace.RemoveIfEmpty();
            CancelDisconnectedToken();
            foreach (var listener in _disconnectListeners)
            {
                InvokeSafely(listener, reason);
            }
        }
        finally
        {
            EndKeptSessionClose();
        }
    }
}
