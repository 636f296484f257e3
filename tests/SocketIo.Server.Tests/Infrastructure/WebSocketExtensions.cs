using System.Net.WebSockets;
using System.Text;

namespace SocketIo.Server.Tests.Infrastructure;

/// <summary>Frame-level helpers for <see cref="ClientWebSocket"/> in tests; every wait is bounded.</summary>
internal static class WebSocketExtensions
{
    public static Task SendTextAsync(this WebSocket socket, string text) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, CancellationToken.None).WaitAsync(TestTimeouts.Default);

    public static Task SendBinaryAsync(this WebSocket socket, byte[] data) =>
        socket.SendAsync(data, WebSocketMessageType.Binary, true, CancellationToken.None).WaitAsync(TestTimeouts.Default);

    /// <summary>Receives one whole message; for a close frame, the type is Close and the data empty.</summary>
    public static async Task<(WebSocketMessageType Type, byte[] Data)> ReceiveMessageAsync(this WebSocket socket)
    {
        var buffer = new byte[64 * 1024];
        using var data = new MemoryStream();
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer, CancellationToken.None).WaitAsync(TestTimeouts.Default);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return (result.MessageType, []);
            }

            data.Write(buffer, 0, result.Count);
            if (result.EndOfMessage)
            {
                return (result.MessageType, data.ToArray());
            }
        }
    }

    public static async Task<string> ReceiveTextAsync(this WebSocket socket)
    {
        var (type, data) = await socket.ReceiveMessageAsync();
        Assert.Equal(WebSocketMessageType.Text, type);
        return Encoding.UTF8.GetString(data);
    }

    public static async Task<byte[]> ReceiveBinaryAsync(this WebSocket socket)
    {
        var (type, data) = await socket.ReceiveMessageAsync();
        Assert.Equal(WebSocketMessageType.Binary, type);
        return data;
    }

    /// <summary>Reads until the server's close frame (skipping pings and other frames); returns the close status.</summary>
    public static async Task<WebSocketCloseStatus?> ReceiveCloseAsync(this WebSocket socket)
    {
        try
        {
            while (true)
            {
                var (type, _) = await socket.ReceiveMessageAsync();
                if (type == WebSocketMessageType.Close)
                {
                    // Answer like a browser does, so the server's close handshake completes.
                    await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None).WaitAsync(TestTimeouts.Default);
                    return socket.CloseStatus;
                }
            }
        }
        catch (WebSocketException)
        {
            // The server aborted instead of closing: still closed.
            return null;
        }
    }
}
