using System.Text;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Logging.Abstractions;
using SocketIo.Engine;
using SocketIo.Protocol.Engine;

namespace SocketIo.Benchmarks.Micro;

/// <summary>
/// One frame to one idle in-memory WebSocket session, until it is written: queued, with the write pass started on
/// another thread-pool thread (<c>Send</c>), against written on the sender's own thread (<c>SendAndWrite</c>, the way
/// the Socket.IO CONNECT reply goes). The first includes the thread hop: queueing the pass and a thread picking it up.
/// </summary>
[MemoryDiagnoser]
public class SendAndWriteBenchmarks
{
    private readonly EngineFrame[] _frame = [EngineFrame.Text(Encoding.UTF8.GetBytes("40"))];
    private SinkStream.Counter _written = null!;
    private EngineIoServer _server = null!;
    private EngineSession _session = null!;
    private Task _transport = null!;

    [GlobalSetup]
    public void Setup()
    {
        _server = new EngineIoServer(new EngineIoOptions(), new InMemorySession.NoHandler(), NullLoggerFactory.Instance);
        _written = new SinkStream.Counter();
        (_session, _transport) = InMemorySession.Open(_server, "0", _written);
    }

    [Benchmark(Baseline = true)]
    public Task WriteOnTheThreadPool()
    {
        var written = _written.ExpectMore(1);
        _session.Send(_frame);
        return written;
    }

    [Benchmark]
    public Task WriteOnTheSendersThread()
    {
        var written = _written.ExpectMore(1);
        _session.SendAndWrite(_frame);
        return written;
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _server.CloseAll(EngineCloseReasons.ServerShuttingDown);
        _transport.Wait(TimeSpan.FromSeconds(10));
        _server.Timers.Dispose();
    }
}
