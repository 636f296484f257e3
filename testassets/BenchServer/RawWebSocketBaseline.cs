using System.Buffers;
using System.Collections.Concurrent;
using System.Net.WebSockets;

/// <summary>
/// Kestrel's floor for investigations (<c>BENCH_DIAGNOSTICS=raw</c>), never used in benchmark runs: a bare ASP.NET
/// Core WebSocket at <c>/socket.io/</c> that answers the load generator's handshake with the two frames it expects
/// (<c>0{…}</c>, then <c>40{…}</c> after its <c>40</c>), answers each <c>42N["echo",x]</c> with <c>43N[x]</c> (the echo
/// scenario, without Engine.IO or Socket.IO: no parsing, no session, no queue), and otherwise idles on zero-byte reads.
/// For the broadcast scenario, <c>42N["join",room]</c> puts the socket in the one room there is, and
/// <c>42N["bcast",room,count,x]</c> sends <c>42["msg",x]</c> to every member, one awaited send after another, with no
/// queue of its own. The CPU and managed heap it costs per handshake, echo, delivery and connection are Kestrel's share;
/// the rest of BenchServer's is ours.
/// </summary>
internal static class RawWebSocketBaseline
{
    private static readonly byte[] Open = """0{"sid":"raw","upgrades":[],"pingInterval":25000,"pingTimeout":20000,"maxPayload":1000000}"""u8.ToArray();
    private static readonly byte[] Connected = """40{"sid":"raw"}"""u8.ToArray();
    private static readonly byte[] EchoEvent = "[\"echo\","u8.ToArray();
    private static readonly byte[] JoinEvent = "[\"join\","u8.ToArray();
    private static readonly byte[] BroadcastEvent = "[\"bcast\","u8.ToArray();
    private static readonly byte[] MessageEvent = "42[\"msg\","u8.ToArray();

    // Every joined socket, whatever room it asked for: the scenario uses one.
    private static readonly ConcurrentDictionary<WebSocket, bool> Room = new();

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

                    if (result.EndOfMessage)
                    {
                        await AnswerAsync(socket, buffer.AsMemory(0, result.Count));
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
        finally
        {
            Room.TryRemove(socket, out _);
        }
    }

    private static async ValueTask AnswerAsync(WebSocket socket, Memory<byte> message)
    {
        if (EchoReply(message.Span) is var reply and > 0)
        {
            await SendAsync(socket, message[..reply]);
        }
        else if (ArgumentsOf(message.Span, JoinEvent) > 0)
        {
            Room.TryAdd(socket, true);
            await SendAsync(socket, message[..EmptyAck(message.Span)]);
        }
        else if (ArgumentsOf(message.Span, BroadcastEvent) is var arguments and > 0
            && Broadcast(message.Span[arguments..]) is ({ } frame, var count))
        {
            for (var i = 0; i < count; i++)
            {
                foreach (var (member, _) in Room)
                {
                    await SendAsync(member, frame);
                }
            }

            await SendAsync(socket, message[..EmptyAck(message.Span)]);
        }
    }

    private static async ValueTask SendAsync(WebSocket socket, ReadOnlyMemory<byte> frame)
    {
        try
        {
            await socket.SendAsync(frame, WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);
        }
        catch (Exception e) when (e is WebSocketException or ObjectDisposedException)
        {
            // That member went away; its own loop removes it from the room.
        }
    }

    /// <summary>Where the arguments of <c>42N["name",…]</c> start, or 0 when the message is not that event.</summary>
    private static int ArgumentsOf(ReadOnlySpan<byte> message, ReadOnlySpan<byte> eventOpening)
    {
        var open = message.IndexOf((byte)'[');
        return message.Length >= 4 && message[0] == (byte)'4' && message[1] == (byte)'2' && open >= 3
            && message[open..].StartsWith(eventOpening) ? open + eventOpening.Length : 0;
    }

    /// <summary>Rewrites <c>42N[…]</c> in place into the acknowledgement <c>43N[]</c>; its length.</summary>
    private static int EmptyAck(Span<byte> message)
    {
        var open = message.IndexOf((byte)'[');
        message[1] = (byte)'3';
        message[open + 1] = (byte)']';
        return open + 2;
    }

    /// <summary>From <c>"room",count,x]</c>: the frame <c>42["msg",x]</c> and the count; no frame if malformed.</summary>
    private static (byte[]? Frame, int Count) Broadcast(ReadOnlySpan<byte> arguments)
    {
        var roomEnd = arguments.IndexOf("\","u8);
        var countEnd = roomEnd < 0 ? -1 : arguments[(roomEnd + 2)..].IndexOf((byte)',');
        if (countEnd <= 0 || arguments[^1] != (byte)']'
            || !System.Buffers.Text.Utf8Parser.TryParse(arguments.Slice(roomEnd + 2, countEnd), out int count, out _))
        {
            return (null, 0);
        }

        var payload = arguments[(roomEnd + 2 + countEnd + 1)..];
        var frame = new byte[MessageEvent.Length + payload.Length];
        MessageEvent.CopyTo(frame, 0);
        payload.CopyTo(frame.AsSpan(MessageEvent.Length));
        return (frame, count);
    }

    /// <summary>Rewrites <c>42N["echo",x]</c> in place into <c>43N[x]</c>; its length, or 0 for any other message.</summary>
    private static int EchoReply(Span<byte> message)
    {
        var arguments = ArgumentsOf(message, EchoEvent);
        if (arguments == 0)
        {
            return 0;
        }

        var open = arguments - EchoEvent.Length;
        message[1] = (byte)'3';
        message[arguments..].CopyTo(message[(open + 1)..]);
        return open + 1 + message.Length - arguments;
    }
}
