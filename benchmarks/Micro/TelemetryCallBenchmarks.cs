using BenchmarkDotNet.Attributes;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using SocketIo.Engine.Diagnostics;

namespace SocketIo.Benchmarks.Micro;

/// <summary>
/// What one instrumented call on the hot paths costs, with nobody listening and with the OpenTelemetry SDK recording
/// every SocketIo.* instrument: the WebSocket receive and send counters (one call per message, per written batch).
/// The end-to-end figure, with the whole server under load, is benchmarks/telemetry-overhead.sh's.
/// Run: dotnet run -c Release --project benchmarks/Micro -- --filter '*TelemetryCall*'
/// </summary>
[MemoryDiagnoser]
[ShortRunJob]
public class TelemetryCallBenchmarks
{
    private MeterProvider? _provider;

    /// <summary>A typical message's size: an event with a ~100-byte payload.</summary>
    private long _messageBytes = 120;

    /// <summary>Whether the OpenTelemetry SDK listens.</summary>
    [Params(false, true)]
    public bool Listening { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        if (Listening)
        {
            _provider = Sdk.CreateMeterProviderBuilder().AddMeter("SocketIo.*").AddInMemoryExporter(new List<Metric>()).Build();
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _provider?.Dispose();

    /// <summary>A WebSocket message arrived (packets and bytes in).</summary>
    [Benchmark]
    public void Received() => EngineTelemetry.Received(webSocket: true, packets: 1, _messageBytes);

    /// <summary>A WebSocket write pass wrote a batch of 4 frames (packets and bytes out).</summary>
    [Benchmark]
    public void SentBatch() => EngineTelemetry.SentOverWebSocket(4, 4 * (_messageBytes + 64));
}
