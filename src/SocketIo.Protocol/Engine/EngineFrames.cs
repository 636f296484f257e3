namespace SocketIo.Protocol.Engine;

/// <summary>The fixed packets the engine sends; their bytes are shared by every session.</summary>
internal static class EngineFrames
{
    /// <summary>Gets the close packet <c>1</c>.</summary>
    public static EngineFrame Close { get; } = EngineFrame.Text("1"u8.ToArray());

    /// <summary>Gets the heartbeat ping <c>2</c>.</summary>
    public static EngineFrame Ping { get; } = EngineFrame.Text("2"u8.ToArray());

    /// <summary>Gets the heartbeat pong <c>3</c>.</summary>
    public static EngineFrame Pong { get; } = EngineFrame.Text("3"u8.ToArray());

    /// <summary>Gets the answer to the upgrade probe, <c>3probe</c>.</summary>
    public static EngineFrame PongProbe { get; } = EngineFrame.Text("3probe"u8.ToArray());

    /// <summary>Gets the no-op packet <c>6</c>, which releases a pending GET.</summary>
    public static EngineFrame Noop { get; } = EngineFrame.Text("6"u8.ToArray());
}
