using System.Collections.Concurrent;
using System.Text;
using SocketIo.Protocol.Engine;
using SocketIo.Engine;

namespace SocketIo.Server.Tests.Infrastructure;

/// <summary>
/// The Engine.IO application of the interop tests: every message is echoed back (text as text, binary as binary),
/// except the text <c>close-me</c>, answered with <c>bye</c> and then a server-side close. Sessions and their close
/// reasons are recorded so tests can await them.
/// </summary>
public sealed class RecordingEchoHandler : IEngineIoHandler
{
    /// <summary>The text that makes the server close the session.</summary>
    public const string CloseCommand = "close-me";

    private readonly ConcurrentQueue<Session> _sessions = new();
    private readonly TaskCompletionSource<Session> _firstSession = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Gets every session opened so far.</summary>
    public IReadOnlyCollection<Session> Sessions => _sessions;

    /// <summary>Gets the first session, once one opened.</summary>
    public Task<Session> FirstSession => _firstSession.Task;

    /// <inheritdoc/>
    public IEngineIoSessionHandler OnOpened(IEngineIoConnection connection)
    {
        var session = new Session(connection);
        _sessions.Enqueue(session);
        _firstSession.TrySetResult(session);
        return session;
    }

    /// <summary>One echoed session.</summary>
    public sealed class Session(IEngineIoConnection connection) : IEngineIoSessionHandler
    {
        private readonly TaskCompletionSource<string> _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly ConcurrentQueue<(bool IsBinary, byte[] Data)> _received = new();
        private int _closedCalls;

        /// <summary>Gets the engine's view of the session.</summary>
        public IEngineIoConnection Connection { get; } = connection;

        /// <summary>Gets the transport the session opened on.</summary>
        public string TransportAtOpen { get; } = connection.Transport;

        /// <summary>Gets the transport the session was on when it closed (<see langword="null"/> while open).</summary>
        public string? TransportAtClose { get; private set; }

        /// <summary>Gets the close reason, once <see cref="IEngineIoSessionHandler.OnClosed"/> ran.</summary>
        public Task<string> Closed => _closed.Task;

        /// <summary>Gets how many times OnClosed ran (the contract says exactly once).</summary>
        public int ClosedCalls => Volatile.Read(ref _closedCalls);

        /// <summary>Gets the messages received, in order.</summary>
        public IReadOnlyCollection<(bool IsBinary, byte[] Data)> Received => _received;

        /// <inheritdoc/>
        public ValueTask OnTextMessageAsync(ReadOnlyMemory<byte> utf8)
        {
            var data = utf8.ToArray();
            _received.Enqueue((false, data));
            if (utf8.Span.SequenceEqual(CloseCommandUtf8))
            {
                Connection.Send([EngineFrame.Text("4bye"u8.ToArray())]);
                Connection.Close();
                return ValueTask.CompletedTask;
            }

            var packet = new byte[data.Length + 1];
            packet[0] = (byte)'4';
            data.CopyTo(packet, 1);
            Connection.Send([EngineFrame.Text(packet)]);
            return ValueTask.CompletedTask;
        }

        /// <inheritdoc/>
        public ValueTask OnBinaryMessageAsync(ReadOnlyMemory<byte> data)
        {
            var copy = data.ToArray();
            _received.Enqueue((true, copy));
            Connection.Send([EngineFrame.Binary(copy)]);
            return ValueTask.CompletedTask;
        }

        /// <inheritdoc/>
        public void OnClosed(string reason)
        {
            TransportAtClose ??= Connection.Transport;
            Interlocked.Increment(ref _closedCalls);
            _closed.TrySetResult(reason);
        }

        /// <summary>Waits for the close (bounded by <see cref="TestTimeouts.Default"/>) and checks it ran exactly once.</summary>
        public async Task<string> WaitClosedAsync()
        {
            var reason = await Closed.WaitAsync(TestTimeouts.Default);
            Assert.Equal(1, ClosedCalls);
            return reason;
        }

        /// <summary>Gets the text messages received, decoded.</summary>
        public IReadOnlyList<string> ReceivedTexts() =>
            [.. _received.Where(m => !m.IsBinary).Select(m => Encoding.UTF8.GetString(m.Data))];

        private static ReadOnlySpan<byte> CloseCommandUtf8 => "close-me"u8;
    }
}
