using System.Text;
using BenchmarkDotNet.Attributes;
using SocketIo.Engine;

namespace SocketIo.Benchmarks.Micro;

/// <summary>
/// The Socket.IO layer's share of an echo round trip, without Kestrel or a WebSocket: a connected client's
/// <c>echo</c> event with an ack id and a 100-character string (what both load generators send) goes through the
/// decoder and BenchServer's handler, and its acknowledgement is encoded into the frame a discarding connection takes.
/// </summary>
[MemoryDiagnoser]
public class EchoBenchmarks
{
    private readonly SocketConnectBenchmarks _server = new();
    private ReadOnlyMemory<byte> _event;
    private DiscardingConnection _connection = null!;
    private IEngineIoSessionHandler _client = null!;

    [GlobalSetup]
    public void Setup()
    {
        _server.Setup();
        var payload = "t0|" + new string('x', 97);
        _event = Encoding.UTF8.GetBytes($"21[\"echo\",\"{payload}\"]");
        (_connection, _client) = _server.ConnectAsync().AsTask().GetAwaiter().GetResult();
    }

    [Benchmark]
    public async Task EchoWithAck()
    {
        var before = _connection.Frames;
        await _client.OnTextMessageAsync(_event);
        if (_connection.Frames != before + 1)
        {
            throw new InvalidOperationException("The echo's acknowledgement was not sent on the delivering thread.");
        }
    }
}
