using System.Text;
using BenchmarkDotNet.Attributes;
using SocketIo.Protocol.Packets;

namespace SocketIo.Benchmarks.Micro;

/// <summary>Socket.IO packet encode (a broadcast's framing) and decode (an inbound event with an ack id).</summary>
[MemoryDiagnoser]
public class PacketCodecBenchmarks
{
    private readonly SocketIoPacketDecoder _decoder = new();
    private byte[] _inbound = [];
    private PacketPayload _payload = null!;

    [GlobalSetup]
    public void Setup()
    {
        var text = "\"" + new string('x', 100) + "\"";
        _inbound = Encoding.UTF8.GetBytes($"212[\"echo\",{text}]");
        _payload = new PacketPayload(Encoding.UTF8.GetBytes($"[\"msg\",{text}]"), []);
    }

    [Benchmark]
    public object Encode() => _payload.ToFrames(SocketIoPacketType.Event, "/", ackId: null);

    [Benchmark]
    public object? Decode()
    {
        _decoder.DecodeText(_inbound, out var packet, out _);
        return packet;
    }
}
