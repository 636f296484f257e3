namespace SocketIo.Adapters;

/// <summary>Modifiers of a broadcast, as the adapters' wire format names them (<c>flags</c>).</summary>
/// <param name="Volatile">Drop the packet for clients that cannot take it right now.</param>
/// <param name="Compress">Ask for per-message compression (where the transport negotiated it).</param>
/// <param name="Local">Deliver on this node only; never publish to other nodes.</param>
/// <param name="Timeout">How long a broadcast with acknowledgements waits for answers.</param>
public sealed record BroadcastFlags(bool Volatile = false, bool Compress = true, bool Local = false, TimeSpan? Timeout = null)
{
    /// <summary>No modifiers.</summary>
    public static readonly BroadcastFlags None = new();
}
