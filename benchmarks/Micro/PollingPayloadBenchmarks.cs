using System.Buffers;
using System.Text;
using BenchmarkDotNet.Attributes;
using SocketIo.Protocol.Engine;

namespace SocketIo.Benchmarks.Micro;

/// <summary>Long-polling payload framing: ten text packets joined by the record separator, and split again.</summary>
[MemoryDiagnoser]
public class PollingPayloadBenchmarks
{
    private readonly ArrayBufferWriter<byte> _writer = new(4096);
    private readonly List<EnginePacket> _packets = new(16);
    private EngineFrame[] _frames = [];
    private byte[] _body = [];

    [GlobalSetup]
    public void Setup()
    {
        var packet = Encoding.UTF8.GetBytes("42[\"msg\",\"" + new string('x', 100) + "\"]");
        _frames = Enumerable.Range(0, 10).Select(_ => EngineFrame.Text(packet)).ToArray();
        PollingPayload.Encode(_frames, _writer);
        _body = _writer.WrittenSpan.ToArray();
    }

    [Benchmark]
    public int Encode()
    {
        _writer.ResetWrittenCount();
        PollingPayload.Encode(_frames, _writer);
        return _writer.WrittenCount;
    }

    [Benchmark]
    public int Decode()
    {
        _packets.Clear();
        PollingPayload.TryDecode(_body, EngineSessionLimits.MaxPacketsPerPayload, _packets);
        return _packets.Count;
    }

    /// <summary>The decoder's packet-count cap, as the server passes it.</summary>
    private static class EngineSessionLimits
    {
        public const int MaxPacketsPerPayload = 10_000;
    }
}
