using System.Net.WebSockets;
using System.Text;
using SocketIo.Server.Tests.Infrastructure;

namespace SocketIo.Server.Tests.SocketIoLayer;

/// <summary>
/// A bare WebSocket speaking Engine.IO by hand, to assert Socket.IO packets byte for byte. Pings are answered and
/// skipped, so timing never decides what a test reads.
/// </summary>
public sealed class RawSocketIoClient : IAsyncDisposable
{
    private readonly ClientWebSocket _socket = new();

    public string OpenPacket { get; private set; } = "";

    /// <summary>Opens a WebSocket session; <paramref name="eio"/> 3 speaks as a 2.x client (which then pings itself, if at all).</summary>
    public static async Task<RawSocketIoClient> ConnectAsync(TestHost host, string path = "socket.io/", int eio = 4)
    {
        var client = new RawSocketIoClient();
        await client._socket.ConnectAsync(host.WebSocketUrl($"{path}?EIO={eio}&transport=websocket"), CancellationToken.None)
            .WaitAsync(TestTimeouts.Default);
        var (_, open) = await client.ReceiveAsync();
        client.OpenPacket = Encoding.UTF8.GetString(open!);
        return client;
    }

    public Task SendAsync(string text) => _socket.SendTextAsync(text);

    public Task SendAsync(byte[] binary) => _socket.SendBinaryAsync(binary);

    /// <summary>Reads the next text frame (skipping pings); fails on a binary frame or a close.</summary>
    public async Task<string> ReceiveTextAsync()
    {
        var (binary, data) = await ReceiveAsync();
        Assert.False(binary, "Expected a text frame, got a binary one.");
        Assert.NotNull(data);
        return Encoding.UTF8.GetString(data);
    }

    /// <summary>Reads the next binary frame; fails on a text frame or a close.</summary>
    public async Task<byte[]> ReceiveBinaryAsync()
    {
        var (binary, data) = await ReceiveAsync();
        Assert.True(binary, "Expected a binary frame, got a text one.");
        return data!;
    }

    /// <summary>Drops the connection without a close handshake, as a client whose network went away.</summary>
    public void Abort() => _socket.Abort();

    /// <summary>Reads until the server closes the WebSocket (or the connection drops); fails if it stays open.</summary>
    public Task AssertClosedByServerAsync() => _socket.ReceiveCloseAsync();

    /// <summary>Reads the next frame that is not a ping: (binary?, bytes); a close fails the test.</summary>
    public async Task<(bool Binary, byte[]? Data)> ReceiveAsync()
    {
        while (true)
        {
            var (type, data) = await _socket.ReceiveMessageAsync();
            Assert.True(type != WebSocketMessageType.Close, $"The server closed the WebSocket ({_socket.CloseStatus} {_socket.CloseStatusDescription}).");
            if (type == WebSocketMessageType.Text && data is [(byte)'2'])
            {
                await SendAsync("3");
                continue;
            }

            return (type == WebSocketMessageType.Binary, data);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_socket.State == WebSocketState.Open)
        {
            try
            {
                await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(2));
            }
            catch (Exception e) when (e is WebSocketException or TimeoutException)
            {
                // The server may already be gone; nothing to release beyond the socket itself.
            }
        }

        _socket.Dispose();
    }
}
