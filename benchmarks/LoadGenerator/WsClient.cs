using System.Net.WebSockets;
using System.Text;

namespace LoadGenerator;

/// <summary>
/// One Engine.IO v4 / Socket.IO v5 client over a raw <see cref="ClientWebSocket"/>, frames written by hand. Phases:
/// connect (read the open packet <c>0{…}</c>, send <c>40</c>, read <c>40{…}</c>), then a receive loop that answers
/// pings (<c>2</c> → <c>3</c>) itself and hands every other message to the scenario's callback, which may send.
/// </summary>
internal sealed class WsClient : IDisposable
{
    private static readonly byte[] Connect = "40"u8.ToArray();
    private static readonly byte[] Pong = "3"u8.ToArray();

    /// <summary>The socket; one per client.</summary>
    private readonly ClientWebSocket _socket = new();

    /// <summary>Serializes sends: the scenario and the ping answer may send at the same time.</summary>
    private readonly SemaphoreSlim _sendLock = new(1, 1);

    /// <summary>The receive buffer, small: every benchmark message fits, a larger one grows it.</summary>
    private byte[] _buffer = new byte[512];

    private WsClient()
    {
        _socket.Options.KeepAliveInterval = TimeSpan.Zero; // Engine.IO has its own heartbeat
        _socket.Options.SetBuffer(512, 512);
    }

    /// <summary>Scenario state, so callbacks stay static.</summary>
    public object? State { get; set; }

    /// <summary>A per-client counter the scenario may use (the next ack id, the send timestamp).</summary>
    public long Counter { get; set; }

    public long Stamp { get; set; }

    /// <summary>A per-client buffer for the frame being sent (closed-loop scenarios send one at a time).</summary>
    public byte[] SendBuffer { get; set; } = [];

    public static async Task<WsClient> ConnectAsync(Uri uri, CancellationToken cancellationToken)
    {
        var client = new WsClient();
        try
        {
            await client._socket.ConnectAsync(uri, cancellationToken);
            var open = await client.ReceiveAsync(cancellationToken);
            if (open.Length == 0 || open.Span[0] != (byte)'0')
            {
                throw new InvalidOperationException("expected the open packet, got " + Encoding.UTF8.GetString(open.Span));
            }

            await client.SendAsync(Connect, cancellationToken);
            while (true)
            {
                var message = await client.ReceiveAsync(cancellationToken);
                if (message.Span.StartsWith("40"u8))
                {
                    return client;
                }

                if (message.Span.SequenceEqual("2"u8))
                {
                    await client.SendAsync(Pong, cancellationToken);
                    continue;
                }

                throw new InvalidOperationException("expected CONNECT, got " + Encoding.UTF8.GetString(message.Span));
            }
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    public async ValueTask SendAsync(ReadOnlyMemory<byte> frame, CancellationToken cancellationToken)
    {
        await _sendLock.WaitAsync(cancellationToken);
        try
        {
            await _socket.SendAsync(frame, WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    /// <summary>Reads messages until the socket closes or <paramref name="cancellationToken"/> fires.</summary>
    public async Task RunAsync(Func<WsClient, ReadOnlyMemory<byte>, ValueTask> onMessage, CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                var message = await ReceiveAsync(cancellationToken);
                if (message.Length == 1 && message.Span[0] == (byte)'2')
                {
                    await SendAsync(Pong, cancellationToken);
                    continue;
                }

                await onMessage(this, message);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException or EndOfStreamException)
        {
            // Closed by either side: the scenario is over for this client.
        }
    }

    /// <summary>One whole text message; the memory is valid until the next receive.</summary>
    private async ValueTask<ReadOnlyMemory<byte>> ReceiveAsync(CancellationToken cancellationToken)
    {
        var length = 0;
        while (true)
        {
            if (length == _buffer.Length)
            {
                Array.Resize(ref _buffer, _buffer.Length * 2);
            }

            var result = await _socket.ReceiveAsync(_buffer.AsMemory(length), cancellationToken);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                throw new EndOfStreamException("closed");
            }

            length += result.Count;
            if (result.EndOfMessage)
            {
                return _buffer.AsMemory(0, length);
            }
        }
    }

    public void Dispose()
    {
        _socket.Abort();
        _socket.Dispose();
        _sendLock.Dispose();
    }
}
