namespace SocketIo.Server.Tests.Diagnostics;

/// <summary>
/// Tests that read the process-wide meters and activity sources: run alone, so that no other test's server adds to
/// what they count.
/// </summary>
[CollectionDefinition(nameof(TelemetryTests), DisableParallelization = true)]
public sealed class TelemetryTests;
