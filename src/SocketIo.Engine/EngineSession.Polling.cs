using System.Buffers;
using System.IO.Compression;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using SocketIo.Engine.Diagnostics;
using SocketIo.Protocol.Engine;

namespace SocketIo.Engine;

/// <summary>
/// Long-polling: a GET takes everything queued (or waits until something is), a POST carries packets to the
/// server. At most one GET and one POST at a time; a second of either is a protocol violation that closes the
/// session (a second POST is also answered 400).
/// </summary>
internal sealed partial class EngineSession
{
    /// <summary>The GET waiting for frames; completed with the frames it must write.</summary>
    private TaskCompletionSource<EngineFrame[]>? _pendingGet;

    /// <summary>A POST is being read or delivered.</summary>
    private bool _postActive;

    /// <summary>Gets a value indicating whether a GET is waiting for frames (for tests).</summary>
    internal bool HasPendingGet
    {
        get
        {
            lock (Gate)
            {
                return _pendingGet is not null;
            }
        }
    }

    public async Task HandlePollAsync(HttpContext context)
    {
        EngineFrame[]? frames = null;
        TaskCompletionSource<EngineFrame[]>? wait = null;
        var refusal = (EngineErrorCode?)null;
        var duplicate = false;
        var finalizes = false;
        List<DrainWaiter>? drained = null;
        lock (Gate)
        {
            if (_state == EngineSessionState.Closed)
            {
                refusal = EngineErrorCode.UnknownSid;
            }
            else if (_isWebSocket)
            {
                refusal = EngineErrorCode.BadRequest;
            }
            else if (_pendingGet is not null)
            {
                duplicate = true;
            }
            else if (_queue.Count > 0)
            {
                frames = DrainLocked(out finalizes, out drained);
            }
            else if (_state == EngineSessionState.Closing)
            {
                refusal = EngineErrorCode.UnknownSid;
            }
            else
            {
                _pendingGet = wait = new TaskCompletionSource<EngineFrame[]>(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }

        Complete(drained, true);
        if (refusal is { } code)
        {
            await EngineErrors.WriteAsync(context, StatusCodes.Status400BadRequest, (int)code, EngineErrors.Message(code));
            return;
        }

        if (duplicate)
        {
            EngineIoServer.Log.ProtocolViolation(_server.Logger, Id, "overlapping GET");
            CloseNow(EngineCloseReasons.TransportError);
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        if (finalizes)
        {
            CompleteClose();
        }

        if (wait is not null)
        {
            try
            {
                frames = await wait.Task.WaitAsync(context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                OnPollAborted(wait);
                return;
            }
        }

        await WritePayloadAsync(context, frames!);
    }

    /// <summary>
    /// The client's connection dropped while its GET waited. Like Node ("poll connection closed prematurely"), the
    /// transport has failed: the session closes with <c>transport error</c>, so a client that vanished is noticed at
    /// once rather than at the ping timeout. A GET already released with a noop (upgrade) or a close lost nothing.
    /// </summary>
    private void OnPollAborted(TaskCompletionSource<EngineFrame[]> wait)
    {
        lock (Gate)
        {
            if (_pendingGet == wait)
            {
                _pendingGet = null;
            }
            else if (wait.Task.IsCompletedSuccessfully && wait.Task.Result is [var only]
                && (only.Payload.Equals(EngineFrames.Noop.Payload) || only.Payload.Equals(EngineFrames.Close.Payload)))
            {
                return;
            }
        }

        EngineIoServer.Log.ProtocolViolation(_server.Logger, Id, "poll connection closed prematurely");
        CloseNow(EngineCloseReasons.TransportError);
    }

    /// <summary>Answers the polling handshake with the open packet alone (see <see cref="Start"/>).</summary>
    public Task WriteHandshakeAsync(HttpContext context, byte[] openPacket) => WritePayloadAsync(context, [EngineFrame.Text(openPacket)]);

    private async Task WritePayloadAsync(HttpContext context, EngineFrame[] frames)
    {
        var body = new ArrayBufferWriter<byte>(256);
        var contentType = EncodePollingBody(frames, body);
        EngineTelemetry.SentOverPolling(frames.Length, body.WrittenCount);
        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = contentType;
        response.Headers.CacheControl = "no-store";
        // As in Node, a batch is compressed when any of its frames allows it.
        var encoding = Options.HttpCompression && body.WrittenCount >= Options.HttpCompressionThreshold && frames.Any(f => !f.DisableCompression)
            ? ChooseEncoding(context.Request.Headers.AcceptEncoding.ToString())
            : null;
        if (encoding is null)
        {
            response.ContentLength = body.WrittenCount;
            await response.Body.WriteAsync(body.WrittenMemory, context.RequestAborted);
            return;
        }

        response.Headers.ContentEncoding = encoding;
        response.Headers.Vary = "Accept-Encoding";
        var compressor = encoding == "gzip"
            ? (Stream)new GZipStream(response.Body, CompressionLevel.Fastest, leaveOpen: true)
            : new DeflateStream(response.Body, CompressionLevel.Fastest, leaveOpen: true);
        await using (compressor)
        {
            await compressor.WriteAsync(body.WrittenMemory, context.RequestAborted);
        }
    }

    /// <summary>gzip when accepted, else deflate when accepted, else none (as the reference chooses).</summary>
    private static string? ChooseEncoding(string acceptEncoding)
    {
        if (acceptEncoding.Contains("gzip", StringComparison.OrdinalIgnoreCase))
        {
            return "gzip";
        }

        return acceptEncoding.Contains("deflate", StringComparison.OrdinalIgnoreCase) ? "deflate" : null;
    }

    public async Task HandlePostAsync(HttpContext context)
    {
        if (ProtocolVersion == 4 && context.Request.ContentType?.StartsWith("application/octet-stream", StringComparison.OrdinalIgnoreCase) == true)
        {
            // Binary POST bodies exist only in protocol v3.
            EngineIoServer.Log.ProtocolViolation(_server.Logger, Id, "binary POST body");
            CloseNow(EngineCloseReasons.TransportError);
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        var refusal = (EngineErrorCode?)null;
        var overlapping = false;
        lock (Gate)
        {
            if (_state != EngineSessionState.Open)
            {
                refusal = EngineErrorCode.UnknownSid;
            }
            else if (_isWebSocket)
            {
                refusal = EngineErrorCode.BadRequest;
            }
            else if (_postActive)
            {
                overlapping = true;
            }
            else
            {
                _postActive = true;
            }
        }

        if (refusal is { } code)
        {
            await EngineErrors.WriteAsync(context, StatusCodes.Status400BadRequest, (int)code, EngineErrors.Message(code));
            return;
        }

        if (overlapping)
        {
            EngineIoServer.Log.ProtocolViolation(_server.Logger, Id, "overlapping POST");
            CloseNow(EngineCloseReasons.TransportError);
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        try
        {
            await ReadAndDeliverAsync(context);
        }
        finally
        {
            lock (Gate)
            {
                _postActive = false;
            }
        }
    }

    private async Task ReadAndDeliverAsync(HttpContext context)
    {
        var limit = Options.MaxHttpBufferSize;
        if (context.Request.ContentLength > limit)
        {
            // Refused with 413 before reading, as Node does; the session survives.
            EngineIoServer.Log.PayloadTooLarge(_server.Logger, Id, limit);
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            return;
        }

        // We never read more than limit + 1 bytes; a limit above the server's own cap (Kestrel: 30 MB) raises it.
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodySize
            && bodySize.MaxRequestBodySize < limit + 1L)
        {
            bodySize.MaxRequestBodySize = limit + 1L;
        }

        var initial = (int)Math.Min(context.Request.ContentLength ?? 4096, limit + 1L);
        var buffer = ArrayPool<byte>.Shared.Rent(Math.Max(initial, 16));
        try
        {
            // Read at most limit + 1 bytes: one byte more than allowed is enough to know the body is too big.
            var length = 0;
            while (length <= limit)
            {
                var capacity = (int)Math.Min(buffer.Length, limit + 1L);
                if (length == capacity)
                {
                    var bigger = ArrayPool<byte>.Shared.Rent((int)Math.Min(buffer.Length * 2L, limit + 1L));
                    buffer.AsSpan(0, length).CopyTo(bigger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = bigger;
                    capacity = (int)Math.Min(buffer.Length, limit + 1L);
                }

                int read;
                try
                {
                    read = await context.Request.Body.ReadAsync(buffer.AsMemory(length, capacity - length), context.RequestAborted);
                }
                catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
                {
                    // The server's own body cap was hit first (a chunk bigger than it): same answer.
                    length = limit + 1;
                    break;
                }

                if (read == 0)
                {
                    break;
                }

                length += read;
            }

            if (length > limit)
            {
                EngineIoServer.Log.PayloadTooLarge(_server.Logger, Id, limit);
                context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
                return;
            }

            var packets = new List<EnginePacket>();
            var result = DecodePollingBody(context.Request.ContentType, buffer.AsMemory(0, length), packets);
            if (result != PayloadDecodeResult.Success)
            {
                EngineIoServer.Log.ProtocolViolation(_server.Logger, Id, $"invalid polling payload ({result})");
                CloseNow(EngineCloseReasons.ParseError);
                context.Response.StatusCode = StatusCodes.Status400BadRequest;
                return;
            }

            EngineTelemetry.Received(webSocket: false, packets.Count, length);
            foreach (var packet in packets)
            {
                if (!await HandlePacketAsync(packet))
                {
                    break;
                }
            }

            context.Response.StatusCode = StatusCodes.Status200OK;
            context.Response.ContentType = "text/html";
            context.Response.ContentLength = 2;
            await context.Response.Body.WriteAsync("ok"u8.ToArray(), context.RequestAborted);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
