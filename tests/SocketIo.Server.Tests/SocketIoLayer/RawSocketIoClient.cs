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

    public static async Task<RawSocketIoClient> ConnectAsync(TestHost host, string path = "socket.io/")
    {
        var client = new RawSocketIoClient();
        await client._socket.ConnectAsync(host.WebSocketUrl(path + "?EIO=4&transport=websocket"), CancellationToken.None)
            .WaitAsync(TestTimeouts.Default);
        var (_, open) = await client.ReceiveAsync();
        client.OpenPacket = Encoding.UTF8.GetString(open!);
        return client;
    }

    public Task SendAsync(string text)
        => _socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, CancellationToken.None).WaitAsync(TestTimeouts.Default);

    public Task SendAsync(byte[] binary)
        => _socket.SendAsync(binary, WebSocketMessageType.Binary, true, CancellationToken.None).WaitAsync(TestTimeouts.Default);

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

    /// <summary>Reads until the server closes the WebSocket (or the connection drops); fails if it stays open.</summary>
    public async Task AssertClosedByServerAsync()
    {
        while (true)
        {
            var (_, data) = await ReceiveAsync(allowClose: true);
            if (data is null)
            {
                return;
            }
        }
    }

    /// <summary>Reads the next frame that is not a ping: (binary?, bytes), or (false, null) when closed and allowed.</summary>
    public async Task<(bool Binary, byte[]? Data)> ReceiveAsync(bool allowClose = false)
    {
        while (true)
        {
            var buffer = new MemoryStream();
            var chunk = new byte[64 * 1024];
            WebSocketReceiveResult result;
            try
            {
                do
                {
                    result = await _socket.ReceiveAsync(chunk, CancellationToken.None).WaitAsync(TestTimeouts.Default);
                    buffer.Write(chunk, 0, result.Count);
                }
                while (!result.EndOfMessage && result.MessageType != WebSocketMessageType.Close);
            }
            catch (WebSocketException) when (allowClose)
            {
                return (false, null);
            }

            if (result.MessageType == WebSocketMessageType.Close)
            {
                Assert.True(allowClose, $"The server closed the WebSocket ({result.CloseStatus} {result.CloseStatusDescription}).");
                return (false, null);
            }

            var bytes = buffer.ToArray();
            if (result.MessageType == WebSocketMessageType.Text && bytes is [(byte)'2'])
            {
                await SendAsync("3");
                continue;
            }

            return (result.MessageType == WebSocketMessageType.Binary, bytes);
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
