using System.Diagnostics;

namespace LoadGenerator;

/// <summary>The start of a measurement window: wall clock, the server's CPU and ours.</summary>
internal readonly struct Meter
{
    private readonly long _start;
    private readonly double _serverCpu;
    private readonly TimeSpan _ownCpu;
    private readonly ProcessProbe? _server;

    private Meter(ProcessProbe? server)
    {
        _server = server;
        _serverCpu = server?.CpuSeconds() ?? 0;
        _ownCpu = Process.GetCurrentProcess().TotalProcessorTime;
        _start = Stopwatch.GetTimestamp();
    }

    public static Meter Start(ProcessProbe? server) => new(server);

    public double ElapsedSeconds => Stopwatch.GetElapsedTime(_start).TotalSeconds;

    public double ServerCpuSeconds => (_server?.CpuSeconds() ?? 0) - _serverCpu;

    public double OwnCpuSeconds => (Process.GetCurrentProcess().TotalProcessorTime - _ownCpu).TotalSeconds;

    /// <summary>
    /// Ends the window the same way for every steady-state scenario: reads the clocks, stops recording latency, and
    /// gives the scenario's figures.
    /// </summary>
    public Result Finish(string scenario, Settings settings, long operations, Histogram latency, int failures)
    {
        var seconds = ElapsedSeconds;
        var serverCpu = ServerCpuSeconds;
        var ownCpu = OwnCpuSeconds;
        latency.Recording = false;
        return new Result
        {
            Scenario = scenario,
            Label = settings.Label,
            Clients = settings.Clients,
            Operations = operations,
            Seconds = seconds,
            ServerCpuSeconds = serverCpu,
            LoadGeneratorCpuSeconds = ownCpu,
            P50Ms = latency.PercentileMs(0.50),
            P99Ms = latency.PercentileMs(0.99),
            Failures = failures,
        };
    }
}
