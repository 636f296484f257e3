namespace SocketIo.Server.Tests.Infrastructure;

/// <summary>Bounds for every wait in functional tests: generous, so a slow CI machine does not fail them.</summary>
public static class TestTimeouts
{
    /// <summary>The bound on any single await in a test.</summary>
    public static readonly TimeSpan Default = TimeSpan.FromSeconds(15);

    /// <summary>The bound on a whole Node client script.</summary>
    public static readonly TimeSpan NodeScript = TimeSpan.FromSeconds(45);
}
