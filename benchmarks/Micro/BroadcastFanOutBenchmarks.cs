using System.Text;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Logging.Abstractions;
using SocketIo.Adapters;
using SocketIo.Protocol.Engine;
using SocketIo.Protocol.Packets;
using SocketIo.Engine;

namespace SocketIo.Benchmarks.Micro;

/// <summary>
/// One broadcast to a room of N in-memory WebSocket sessions, end to end on the server side: the adapter picks the
/// recipients and frames once, each session queues the frame, each session's WebSocket writer starts a pass and writes it
/// to a stream that discards it. One operation ends when every recipient's frame was written, so the allocations
/// reported include the writers' (divide by N for per recipient).
/// </summary>
[MemoryDiagnoser]
public class BroadcastFanOutBenchmarks
{
    private readonly List<EngineSession> _sessions = [];
    private readonly List<Task> _transports = [];
    private SinkStream.Counter _written = null!;
    private InMemoryAdapter _adapter = null!;
    private PacketPayload _payload = null!;
    private BroadcastOptions _toRoom = null!;
    private EngineIoServer _server = null!;

    [Params(100, 1000)]
    public int Recipients { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _server = new EngineIoServer(new EngineIoOptions(), new InMemorySession.NoHandler(), NullLoggerFactory.Instance);
        _written = new SinkStream.Counter();
        var host = new SessionHost(_sessions);
        _adapter = new InMemoryAdapter(host);
        for (var i = 0; i < Recipients; i++)
        {
            var (session, transport) = InMemorySession.Open(_server, i.ToString(System.Globalization.CultureInfo.InvariantCulture), _written);
            _sessions.Add(session);
            _transports.Add(transport);
            _adapter.AddAll(session.Id, ["room"]);
        }

        _payload = new PacketPayload(Encoding.UTF8.GetBytes("[\"msg\",\"" + new string('x', 90) + "\"]"), []);
        _toRoom = new BroadcastOptions(["room"], [], BroadcastFlags.None);
    }

    [Benchmark]
    public async Task Broadcast()
    {
        var done = _written.ExpectMore(Recipients);
        await _adapter.BroadcastAsync(_payload, _toRoom);
        await done;
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _server.CloseAll(EngineCloseReasons.ServerShuttingDown);
        Task.WaitAll(_transports.ToArray(), TimeSpan.FromSeconds(10));
        _server.Timers.Dispose();
    }

    /// <summary>The adapter's view of the sessions: socket id = index.</summary>
    private sealed class SessionHost(List<EngineSession> sessions) : IAdapterHost
    {
        public string NamespaceName => "/";

        public string ServerId => "0000000000000000";

        public TimeProvider TimeProvider => TimeProvider.System;

        public Microsoft.Extensions.Logging.ILogger Logger => NullLogger.Instance;

        public SocketIo.Protocol.Parsers.ISocketIoParser Parser => SocketIo.Protocol.Parsers.SocketIoParsers.Default;

        public bool Send(string socketId, ReadOnlySpan<EngineFrame> frames, bool isVolatile)
            => sessions[int.Parse(socketId, System.Globalization.CultureInfo.InvariantCulture)].Send(frames, isVolatile) == EngineSendResult.Queued;

        public bool SendWithAck(string socketId, ReadOnlySpan<EngineFrame> frames, long ackId, TimeSpan timeout, Action<AckResponse> onAck) => Send(socketId, frames, false);

        public long NextAckId() => 0;

        public void Disconnect(string socketId, bool close)
        {
        }

        public SocketDetails? Describe(string socketId) => null;

        public void OnServerSideEmit(PacketPayload packet, Action<AckResponse>? ack)
        {
        }
    }
}
