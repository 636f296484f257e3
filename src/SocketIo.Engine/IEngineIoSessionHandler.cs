namespace SocketIo.Engine;

/// <summary>
/// Receives one session's messages, in the order the client sent them, one at a time: the engine awaits each call
/// before it delivers the next message of the same session.
/// </summary>
public interface IEngineIoSessionHandler
{
    /// <summary>A text message arrived: the UTF-8 data after the <c>4</c> type digit.</summary>
    /// <param name="utf8">The message. Valid only until the returned task completes: copy what you keep.</param>
    ValueTask OnTextMessageAsync(ReadOnlyMemory<byte> utf8);

    /// <summary>A binary message arrived.</summary>
    /// <param name="data">The raw bytes. Valid only until the returned task completes: copy what you keep.</param>
    ValueTask OnBinaryMessageAsync(ReadOnlyMemory<byte> data);

    /// <summary>
    /// The session moved from long-polling to WebSocket (Node's <c>upgrade</c> event): called at most once, on a
    /// thread-pool work item, between two message deliveries (never at the same time as one), and not after
    /// <see cref="OnClosed"/>. <see cref="IEngineIoConnection.Transport"/> is <c>websocket</c> from then on. The
    /// default does nothing.
    /// </summary>
    void OnUpgraded()
    {
    }

    /// <summary>
    /// The session closed; called exactly once, and no message is delivered after it. The reason is one of
    /// <see cref="EngineCloseReasons"/>.
    /// </summary>
    void OnClosed(string reason);
}
