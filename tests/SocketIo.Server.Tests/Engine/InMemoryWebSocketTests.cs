using System.Net.WebSockets;
using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using SocketIo.Engine;
using SocketIo.Protocol.Engine;
using SocketIo.Server.Tests.Infrastructure;

namespace SocketIo.Server.Tests.Engine;

/// <summary>
/// The WebSocket transport over an in-memory socket whose stream records each write, with a client that sends nothing
/// and never answers a close frame. Writes: a pass runs on the thread pool unless the sender asks to write on its own
/// thread, and a pass whose writes complete at once allocates nothing. Each send is made holding a lock, so the stream
/// can tell whether the write ran inside the send. Close: every step is bounded (a pass stuck on a client that does
/// not read, a close frame not answered), and a stop that comes before the socket is served is not lost.
/// </summary>
public sealed class InMemoryWebSocketTests : IAsyncDisposable
{
    private static readonly EngineFrame[] Frame = [EngineFrame.Text(Encoding.UTF8.GetBytes("4hello"))];

    private readonly Lock _insideSend = new();
    private readonly EngineIoServer _server;

    public InMemoryWebSocketTests()
    {
        _server = new EngineIoServer(
            new EngineIoOptions { PingTimeout = TimeSpan.FromMilliseconds(200) },
            // Sessions are opened here, not by a client's handshake: the handler is never asked to accept one.
            new RecordingHandler(),
            NullLoggerFactory.Instance);
    }

    [Fact]
    public async Task A_send_and_write_to_an_idle_writer_writes_on_the_senders_thread_before_it_returns()
    {
        var (session, stream, run) = Open();
        await WaitUntilIdleAsync(session, stream);
        var before = stream.Writes;

        lock (_insideSend)
        {
            Assert.Equal(EngineSendResult.Queued, session.SendAndWrite(Frame));
            Assert.True(stream.Writes > before, "not written before SendAndWrite returned");
        }

        Assert.True(stream.LastWriteWasInsideSend);
        await CloseAsync(session, run);
    }

    [Fact]
    public async Task A_plain_send_is_written_by_a_pass_on_another_thread()
    {
        var (session, stream, run) = Open();
        await WaitUntilIdleAsync(session, stream);
        var written = stream.ExpectWrite();

        lock (_insideSend)
        {
            Assert.Equal(EngineSendResult.Queued, session.Send(Frame));
        }

        await written.WaitAsync(TestTimeouts.Default);
        Assert.False(stream.LastWriteWasInsideSend);
        await CloseAsync(session, run);
    }

    [Fact]
    public async Task A_pass_whose_writes_complete_at_once_allocates_nothing()
    {
        var (session, stream, run) = Open();
        await WaitUntilIdleAsync(session, stream);

        // Warm-up: the pool's first arrays and the first calls' one-time allocations.
        for (var i = 0; i < 20; i++)
        {
            session.SendAndWrite(Frame);
        }

        var writes = stream.Writes;
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            session.SendAndWrite(Frame);
        }

        allocated = GC.GetAllocatedBytesForCurrentThread() - allocated;
        Assert.Equal(writes + 100, stream.Writes);
        Assert.Equal(0, allocated);
        await CloseAsync(session, run);
    }

    [Fact]
    public async Task A_stop_while_a_pass_waits_on_a_client_that_does_not_read_aborts_the_socket_after_the_bound()
    {
        var (session, stream, run) = Open();
        await WaitUntilIdleAsync(session, stream);
        stream.HoldWrites();
        var held = stream.ExpectWrite();
        session.Send(Frame);
        await held.WaitAsync(TestTimeouts.Default);

        // The pass is stuck in its write; a close must still end the socket (within the ping timeout, then an abort).
        session.Close();
        await run.WaitAsync(TestTimeouts.Default);
        Assert.True(stream.IsDisposed);
        Assert.False(session.IsOpen);
    }

    [Fact]
    public async Task A_close_frame_the_client_does_not_answer_is_cut_off_after_the_close_timeout()
    {
        var (session, stream, run) = Open();
        await WaitUntilIdleAsync(session, stream);

        session.Close();
        await run.WaitAsync(TestTimeouts.Default);
        Assert.True(stream.IsDisposed);
        Assert.Equal(0x88, stream.LastFrameFirstByte); // a close frame, ours, was the last thing written
    }

    [Fact]
    public async Task A_stop_before_the_socket_is_served_closes_it_once_it_is()
    {
        var (session, stream, start) = OpenUnstarted();
        session.CloseNow(EngineCloseReasons.ForcedClose);

        await start().WaitAsync(TestTimeouts.Default);
        Assert.True(stream.IsDisposed);
        Assert.Equal(0x88, stream.LastFrameFirstByte);
    }

    public async ValueTask DisposeAsync()
    {
        _server.CloseAll(EngineCloseReasons.ServerShuttingDown);
        await Task.Yield();
        _server.Timers.Dispose();
    }

    private (EngineSession Session, RecordingStream Stream, Task Run) Open()
    {
        var (session, stream, start) = OpenUnstarted();
        return (session, stream, start());
    }

    /// <summary>A session and its socket, whose run is started by the returned function.</summary>
    private (EngineSession Session, RecordingStream Stream, Func<Task> Start) OpenUnstarted()
    {
        var request = new EngineIoRequest { Headers = new HeaderDictionary(), User = new ClaimsPrincipal(), Url = "/" };
        var session = new EngineSession(_server, "s", request, isPolling: false);
        var stream = new RecordingStream(_insideSend);
        var socket = WebSocket.CreateFromStream(stream, new WebSocketCreationOptions { IsServer = true, KeepAliveInterval = TimeSpan.Zero });
        var transport = new EngineWebSocketTransport(_server, session, socket, isUpgrade: false);
        session.AttachDirect(transport);
        return (session, stream, () => Task.Run(transport.RunAsync));
    }

    /// <summary>Waits for the first pass to find the queue empty: only an idle writer takes a volatile frame.</summary>
    private static async Task WaitUntilIdleAsync(EngineSession session, RecordingStream stream)
    {
        var written = stream.ExpectWrite();
        await EngineTestServer.WaitUntilAsync(() => session.Send(Frame, isVolatile: true) == EngineSendResult.Queued);
        await written.WaitAsync(TestTimeouts.Default);
        await EngineTestServer.WaitUntilAsync(() => session.BufferedBytes == 0);
    }

    private static async Task CloseAsync(EngineSession session, Task run)
    {
        session.CloseNow(EngineCloseReasons.ForcedClose);
        await run.WaitAsync(TestTimeouts.Default);
    }

    /// <summary>
    /// A client that sends nothing: reads wait until the stream is disposed. Writes complete at once and are counted,
    /// or, once held, wait until the stream is disposed (a client that stopped reading).
    /// </summary>
    private sealed class RecordingStream(Lock insideSend) : Stream
    {
        private readonly TaskCompletionSource<int> _disposed = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _writes;
        private volatile bool _holdWrites;
        private volatile bool _lastWriteWasInsideSend;
        private volatile int _lastFrameFirstByte = -1;
        private TaskCompletionSource? _nextWrite;

        public int Writes => Volatile.Read(ref _writes);

        public bool LastWriteWasInsideSend => _lastWriteWasInsideSend;

        /// <summary>The first byte of the last frame written (FIN and opcode), -1 before any.</summary>
        public int LastFrameFirstByte => _lastFrameFirstByte;

        public bool IsDisposed => _disposed.Task.IsCompleted;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public void HoldWrites() => _holdWrites = true;

        public Task ExpectWrite()
        {
            var next = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            Volatile.Write(ref _nextWrite, next);
            return next.Task;
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
            => new(_disposed.Task.WaitAsync(cancellationToken));

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            _lastWriteWasInsideSend = insideSend.IsHeldByCurrentThread;
            if (!buffer.IsEmpty)
            {
                _lastFrameFirstByte = buffer.Span[0];
            }

            Interlocked.Increment(ref _writes);
            Interlocked.Exchange(ref _nextWrite, null)?.TrySetResult();
            return _holdWrites ? new ValueTask(WaitUntilDisposedAsync()) : ValueTask.CompletedTask;
        }

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override void Flush()
        {
        }

        public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            _disposed.TrySetResult(0);
            base.Dispose(disposing);
        }

        private async Task WaitUntilDisposedAsync()
        {
            await _disposed.Task;
            throw new ObjectDisposedException(nameof(RecordingStream));
        }
    }
}
