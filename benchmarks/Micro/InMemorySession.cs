using System.Net.WebSockets;
using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using SocketIo.Engine;

namespace SocketIo.Benchmarks.Micro;

/// <summary>An Engine.IO WebSocket session over a stream that counts and discards what is written (an idle client).</summary>
internal static class InMemorySession
{
    private static readonly EngineIoRequest Request = new() { Headers = new HeaderDictionary(), Query = QueryCollection.Empty, User = new ClaimsPrincipal(), Url = "/" };

    /// <summary>Opens a session on <paramref name="server"/> and starts its WebSocket's loops; returns both.</summary>
    public static (EngineSession Session, Task Transport) Open(EngineIoServer server, string id, SinkStream.Counter written)
    {
        var session = new EngineSession(server, id, Request, isPolling: false);
        var socket = WebSocket.CreateFromStream(new SinkStream(written), new WebSocketCreationOptions { IsServer = true, KeepAliveInterval = TimeSpan.Zero });
        var transport = new EngineWebSocketTransport(server, session, socket, isUpgrade: false);
        session.AttachDirect(transport);
        return (session, Task.Run(transport.RunAsync));
    }

    /// <summary>The engine's handler for servers whose sessions are opened here, not by a client's handshake.</summary>
    internal sealed class NoHandler : IEngineIoHandler
    {
        public IEngineIoSessionHandler OnOpened(IEngineIoConnection connection) => throw new NotSupportedException();
    }
}
