using Microsoft.AspNetCore.Http;

namespace SocketIo.Engine;

/// <summary>Options of an Engine.IO endpoint. The defaults are those of the Node reference server.</summary>
public class EngineIoOptions
{
    /// <summary>Gets or sets how long after a pong (or the open) the server sends the next ping. The default is 25 seconds.</summary>
    public TimeSpan PingInterval { get; set; } = TimeSpan.FromSeconds(25);

    /// <summary>Gets or sets how long the server waits for a pong before it closes the session. The default is 20 seconds.</summary>
    public TimeSpan PingTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>Gets or sets how long an upgrade to WebSocket may take before it is cancelled. The default is 10 seconds.</summary>
    public TimeSpan UpgradeTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Gets or sets the largest message or polling request body, in bytes, announced to clients as <c>maxPayload</c>.
    /// A bigger POST is refused with HTTP 413; a bigger WebSocket message closes that connection with code 1009.
    /// The default is 1,000,000 bytes.
    /// </summary>
    public int MaxHttpBufferSize { get; set; } = 1_000_000;

    /// <summary>Gets or sets a value indicating whether the long-polling transport is enabled. The default is <see langword="true"/>.</summary>
    public bool AllowPolling { get; set; } = true;

    /// <summary>Gets or sets a value indicating whether the WebSocket transport is enabled. The default is <see langword="true"/>.</summary>
    public bool AllowWebSocket { get; set; } = true;

    /// <summary>Gets or sets a value indicating whether a polling session may upgrade to WebSocket. The default is <see langword="true"/>.</summary>
    public bool AllowUpgrades { get; set; } = true;

    /// <summary>
    /// Gets or sets a value indicating whether clients speaking Engine.IO protocol v3 (<c>EIO=3</c>: the Socket.IO 1.x
    /// and 2.x clients) are served, on the same sessions as v4 clients: the client pings and the server answers,
    /// polling payloads are length-prefixed (binary ones in their own framing, or base64 when the handshake asked
    /// for <c>b64</c>), binary WebSocket messages start with the type byte 4, and JSONP polling (the <c>j</c> query
    /// parameter) is available. The default is <see langword="false"/>: such a request is refused with HTTP 400
    /// <c>{"code":5,"message":"Unsupported protocol version"}</c>.
    /// </summary>
    public bool AllowEio3 { get; set; }

    /// <summary>
    /// Gets or sets a check run on every handshake request. Return <see langword="null"/> to accept it, or a message to
    /// refuse it: the client then gets HTTP 403 with <c>{"code":4,"message":"&lt;message&gt;"}</c>.
    /// The default accepts every request.
    /// </summary>
    public Func<HttpContext, ValueTask<string?>>? AllowRequest { get; set; }

    /// <summary>
    /// Gets or sets a callback that runs on the handshake request after the session is created, to copy what the
    /// application needs later into <see cref="EngineIoRequest.Items"/>. The default does nothing.
    /// </summary>
    public Action<HttpContext, EngineIoRequest>? OnHandshake { get; set; }

    /// <summary>
    /// Gets or sets the cookie that carries the session id, or <see langword="null"/> for none. The default is none.
    /// </summary>
    public EngineIoCookieOptions? Cookie { get; set; }

    /// <summary>
    /// Gets or sets a value indicating whether polling responses of at least <see cref="HttpCompressionThreshold"/>
    /// bytes are compressed (gzip or deflate, as the client accepts). The default is <see langword="true"/>.
    /// </summary>
    public bool HttpCompression { get; set; } = true;

    /// <summary>Gets or sets the smallest polling response, in bytes, that is compressed. The default is 1024.</summary>
    public int HttpCompressionThreshold { get; set; } = 1024;

    /// <summary>
    /// Gets or sets a value indicating whether WebSocket per-message deflate is negotiated. It costs memory and CPU per
    /// connection. The default is <see langword="false"/>.
    /// </summary>
    public bool PerMessageDeflate { get; set; }

    /// <summary>
    /// Gets or sets the most bytes one session may have waiting to be written to its client: queued frames plus the
    /// frames a WebSocket is still writing, each counted at its uncompressed size plus a small fixed overhead. When a
    /// send would exceed it, a volatile send is dropped and any other send closes the session with
    /// <see cref="EngineCloseReasons.OutboundBufferFull"/> and one log line: a client that stops reading is disconnected
    /// instead of growing server memory. Producers that would rather wait can await
    /// <see cref="IEngineIoConnection.WaitForDrainAsync"/>. The default is 4 MiB (4,194,304 bytes): four messages of
    /// the default <see cref="MaxHttpBufferSize"/>, or tens of seconds of a busy stream to a stalled client.
    /// </summary>
    public long MaxBufferedBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>Gets or sets the clock used for heartbeats and timeouts. The default is <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>
    /// Lists what is wrong with these options, one message per problem naming the option and what to change; empty
    /// when they are valid. The server checks them when it starts.
    /// </summary>
    /// <returns>The problems found.</returns>
    public virtual IReadOnlyList<string> GetValidationErrors()
    {
        var failures = new List<string>();
        var type = GetType().Name;
        RequirePositive(failures, nameof(PingInterval), PingInterval);
        RequirePositive(failures, nameof(PingTimeout), PingTimeout);
        RequirePositive(failures, nameof(UpgradeTimeout), UpgradeTimeout);
        if (MaxHttpBufferSize <= 0)
        {
            failures.Add($"{type}.MaxHttpBufferSize must be positive (was {MaxHttpBufferSize}).");
        }

        if (MaxBufferedBytes < MaxHttpBufferSize)
        {
            failures.Add($"{type}.MaxBufferedBytes must be at least MaxHttpBufferSize, so that one message of the largest size fits (was {MaxBufferedBytes}, MaxHttpBufferSize {MaxHttpBufferSize}).");
        }

        if (HttpCompressionThreshold < 0)
        {
            failures.Add($"{type}.HttpCompressionThreshold must not be negative (was {HttpCompressionThreshold}).");
        }

        if (!AllowPolling && !AllowWebSocket)
        {
            failures.Add($"{type}: AllowPolling and AllowWebSocket are both false; enable at least one transport.");
        }

        if (TimeProvider is null)
        {
            failures.Add($"{type}.TimeProvider must not be null.");
        }

        return failures;
    }

    /// <summary>
    /// Adds a failure, for <see cref="GetValidationErrors"/>, when <paramref name="value"/> is not a positive duration a
    /// timer can wait (at most <see cref="int.MaxValue"/> milliseconds).
    /// </summary>
    /// <param name="failures">The failures found so far.</param>
    /// <param name="name">The option's name.</param>
    /// <param name="value">The option's value.</param>
    protected void RequirePositive(ICollection<string> failures, string name, TimeSpan value)
    {
        ArgumentNullException.ThrowIfNull(failures);
        if (value <= TimeSpan.Zero || value.TotalMilliseconds > int.MaxValue)
        {
            failures.Add($"{GetType().Name}.{name} must be positive (was {value}).");
        }
    }
}
