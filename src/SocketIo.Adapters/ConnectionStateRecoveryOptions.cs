namespace SocketIo.Adapters;

/// <summary>
/// Connection state recovery (Node's <c>connectionStateRecovery</c>): a client whose connection dropped and that comes
/// back within <see cref="MaxDisconnectionDuration"/> gets the same socket back — its id, rooms and data — and the
/// events it missed meanwhile. Set <c>SocketIoOptions.ConnectionStateRecovery</c> to an instance to turn it on; it is
/// off by default. The sessions and the events they may miss are kept by the namespace's adapter: the in-memory
/// adapter keeps them in this process, bounded by the window and by <see cref="MaxStoredPackets"/>,
/// <see cref="MaxStoredBytes"/> and <see cref="MaxStoredSessions"/>; the Redis adapters keep none (their clients are
/// never recovered, as with Node's Redis adapters).
/// </summary>
public sealed class ConnectionStateRecoveryOptions
{
    /// <summary>
    /// Gets or sets how long after its connection dropped a client can still recover its socket; the events sent in
    /// the last such span are kept for it. The default is 2 minutes, as Node's.
    /// </summary>
    public TimeSpan MaxDisconnectionDuration { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Gets or sets a value indicating whether a recovered socket skips the namespace's middleware (it passed it when
    /// it first connected). The default is <see langword="true"/>, as Node's.
    /// </summary>
    public bool SkipMiddlewares { get; set; } = true;

    /// <summary>
    /// Gets or sets how many events the in-memory adapter keeps per namespace for clients to recover (broadcasts and
    /// emits to one socket alike); past it the oldest go first, and a client whose missed events are gone gets a new
    /// socket instead of a partial recovery. The default is 10,000.
    /// </summary>
    public int MaxStoredPackets { get; set; } = 10_000;

    /// <summary>
    /// Gets or sets how many bytes of events the in-memory adapter keeps per namespace (each event counts its encoded
    /// frames plus a fixed overhead); past it the oldest go first. The default is 16 MiB.
    /// </summary>
    public long MaxStoredBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>
    /// Gets or sets how many disconnected sessions the in-memory adapter keeps per namespace; past it the oldest is
    /// forgotten (that client gets a new socket). The default is 100,000.
    /// </summary>
    public int MaxStoredSessions { get; set; } = 100_000;

    /// <summary>Returns what is wrong with these options, one message per problem; empty when they are valid.</summary>
    public IReadOnlyList<string> GetValidationErrors()
    {
        var failures = new List<string>();
        if (MaxDisconnectionDuration <= TimeSpan.Zero || MaxDisconnectionDuration > TimeSpan.FromDays(1))
        {
            failures.Add($"ConnectionStateRecovery.MaxDisconnectionDuration must be positive and at most one day (was {MaxDisconnectionDuration}).");
        }

        if (MaxStoredPackets < 1)
        {
            failures.Add($"ConnectionStateRecovery.MaxStoredPackets must be positive (was {MaxStoredPackets}).");
        }

        if (MaxStoredBytes < 1)
        {
            failures.Add($"ConnectionStateRecovery.MaxStoredBytes must be positive (was {MaxStoredBytes}).");
        }

        if (MaxStoredSessions < 1)
        {
            failures.Add($"ConnectionStateRecovery.MaxStoredSessions must be positive (was {MaxStoredSessions}).");
        }

        return failures;
    }
}
