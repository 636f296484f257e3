using System.Buffers;
using System.Net.WebSockets;

/// <summary>
/// Kestrel's floor for investigations (<c>BENCH_DIAGNOSTICS=raw</c>), never used in benchmark runs: a bare ASP.NET
/// Core WebSocket at <c>/socket.io/</c> that answers the load generator's handshake with the two frames it expects
/// (<c>0{…}</c>, then <c>40{…}</c> after its <c>40</c>), answers each <c>42N["echo",x]</c> with <c>43N[x]</c> (the echo
/// scenario, without Engine.IO or Socket.IO: no parsing, no session, no queue), and otherwise idles on zero-byte reads.
/// The CPU and managed heap it costs per handshake, echo and connection are Kestrel's share; the rest of BenchServer's
/// is ours.
/// </summary>
internal static class RawWebSocketBaseline
{
    private static readonly byte[] Open = """0{"sid":"raw","upgrades":[],"pingInterval":25000,"pingTimeout":20000,"maxPayload":1000000}"""u8.ToArray();
    private static readonly byte[] Connected = """40{"sid":"raw"}"""u8.ToArray();
    private static readonly byte[] EchoEvent = "[\"echo\","u8.ToArray();

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

                var buffer = ArrayPool<byte>.Shared.Rent(4096);
                try
                {
                    var result = await socket.ReceiveAsync(buffer.AsMemory(), CancellationToken.None);
                    if (result.MessageType == WebSocketMessageType.Close)
                    {
                        return;
                    }

                    if (result.EndOfMessage && EchoReply(buffer.AsSpan(0, result.Count)) is var reply and > 0)
                    {
                        await socket.SendAsync(buffer.AsMemory(0, reply), WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);
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

    /// <summary>Rewrites <c>42N["echo",x]</c> in place into <c>43N[x]</c>; its length, or 0 for any other message.</summary>
    private static int EchoReply(Span<byte> message)
    {
        var open = message.IndexOf((byte)'[');
        if (message.Length < 4 || message[0] != (byte)'4' || message[1] != (byte)'2' || open < 3
            || !message[open..].StartsWith(EchoEvent))
        {
            return 0;
        }

        message[1] = (byte)'3';
        var argument = message[(open + EchoEvent.Length)..];
        argument.CopyTo(message[(open + 1)..]);
        return open + 1 + argument.Length;
    }
}
