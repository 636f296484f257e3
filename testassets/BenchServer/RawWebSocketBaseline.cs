using System.Buffers;
using System.Net.WebSockets;

/// <summary>
/// A memory baseline for investigations (<c>BENCH_DIAGNOSTICS=raw</c>), never used in benchmark runs: a bare ASP.NET
/// Core WebSocket at <c>/socket.io/</c> that answers the load generator's handshake with the two frames it expects
/// (<c>0{…}</c>, then <c>40{…}</c> after its <c>40</c>) and then idles on zero-byte reads. The managed heap it holds
/// per connection is Kestrel's share; the rest of BenchServer's is ours.
/// </summary>
internal static class RawWebSocketBaseline
{
    private static readonly byte[] Open = """0{"sid":"raw","upgrades":[],"pingInterval":25000,"pingTimeout":20000,"maxPayload":1000000}"""u8.ToArray();
    private static readonly byte[] Connected = """40{"sid":"raw"}"""u8.ToArray();

    public static async Task HandleAsync(HttpContext context)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        try
        {
            await socket.SendAsync(Open, WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);
            var first = true;
            while (true)
            {
                // Zero-byte read first, as the real transport does, so an idle socket holds no buffer.
                var peek = await socket.ReceiveAsync(Memory<byte>.Empty, CancellationToken.None);
                if (peek.MessageType == WebSocketMessageType.Close)
                {
                    return;
                }

                var buffer = ArrayPool<byte>.Shared.Rent(256);
                try
                {
                    var result = await socket.ReceiveAsync(buffer.AsMemory(), CancellationToken.None);
                    if (result.MessageType == WebSocketMessageType.Close)
                    {
                        return;
                    }
                }
                finally
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                }

                if (first)
                {
                    first = false;
                    await socket.SendAsync(Connected, WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);
                }
            }
        }
        catch (WebSocketException)
        {
            // The client went away.
        }
    }
}
