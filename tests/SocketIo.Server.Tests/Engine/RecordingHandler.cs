using System.Collections.Concurrent;
using System.Text;
using System.Threading.Channels;
using SocketIo.Protocol.Engine;
using SocketIo.Engine;

namespace SocketIo.Server.Tests.Engine;

/// <summary>
/// A test application: echoes every message (text as text, binary as binary) unless told otherwise, and records
/// sessions, messages and closes so tests can await them. Text messages starting with <c>cmd:</c> are commands.
/// </summary>
internal sealed class RecordingHandler : IEngineIoHandler
{
    private readonly Channel<Session> _opened = Channel.CreateUnbounded<Session>();

    /// <summary>Gets the sessions by id.</summary>
    public ConcurrentDictionary<string, Session> Sessions { get; } = new();

    /// <summary>Gets or sets a gate that <c>cmd:block</c> waits on before it returns.</summary>
    public TaskCompletionSource Gate { get; set; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completed when a <c>cmd:block</c> message is being handled.</summary>
    public TaskCompletionSource Blocked { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>When set, <c>OnClosed</c> blocks its thread on it (bounded): an application doing slow synchronous work.</summary>
    public ManualResetEventSlim? CloseGate { get; set; }

    public IEngineIoSessionHandler OnOpened(IEngineIoConnection connection)
    {
        var session = new Session(this, connection);
        Sessions[connection.Id] = session;
        _opened.Writer.TryWrite(session);
        return session;
    }

    /// <summary>Waits for the next session to open.</summary>
    public async Task<Session> NextSessionAsync() => await _opened.Reader.ReadAsync().AsTask().WaitAsync(Infrastructure.TestTimeouts.Default);

    internal sealed class Session(RecordingHandler owner, IEngineIoConnection connection) : IEngineIoSessionHandler
    {
        private readonly TaskCompletionSource<string> _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _closeCount;
        private int _callsInProgress;
        private int _overlaps;

        public IEngineIoConnection Connection => connection;

        public ConcurrentQueue<string> Messages { get; } = new();

        public int CloseCount => _closeCount;

        /// <summary>Gets how many times a handler call started while another was still running (the engine allows none).</summary>
        public int Overlaps => Volatile.Read(ref _overlaps);

        /// <summary>Gets the close reason once <c>OnClosed</c> ran.</summary>
        public Task<string> Closed => _closed.Task;

        public async ValueTask OnTextMessageAsync(ReadOnlyMemory<byte> utf8)
        {
            Enter();
            try
            {
                await HandleTextAsync(utf8);
            }
            finally
            {
                Exit();
            }
        }

        private async ValueTask HandleTextAsync(ReadOnlyMemory<byte> utf8)
        {
            var text = Encoding.UTF8.GetString(utf8.Span);
            Messages.Enqueue(text);
            switch (text)
            {
                case "cmd:block":
                    owner.Blocked.TrySetResult();
                    await owner.Gate.Task;
                    return;
                case "cmd:close":
                    connection.Close();
                    return;
                case "cmd:throw":
                    throw new InvalidOperationException("handler failure (expected by the test)");
            }

            connection.Send([EngineFrame.Text(Encoding.UTF8.GetBytes("4" + text))]);
        }

        public ValueTask OnBinaryMessageAsync(ReadOnlyMemory<byte> data)
        {
            Messages.Enqueue("binary:" + Convert.ToHexString(data.Span));
            connection.Send([EngineFrame.Binary(data.ToArray())]);
            return ValueTask.CompletedTask;
        }

        /// <summary>Completed when <c>OnClosed</c> starts, before it waits on the owner's <see cref="CloseGate"/>.</summary>
        public TaskCompletionSource ClosingStarted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void OnClosed(string reason)
        {
            Enter();
            ClosingStarted.TrySetResult();
            owner.CloseGate?.Wait(Infrastructure.TestTimeouts.Default);
            Interlocked.Increment(ref _closeCount);
            Exit();
            _closed.TrySetResult(reason);
        }

        private void Enter()
        {
            if (Interlocked.Increment(ref _callsInProgress) > 1)
            {
                Interlocked.Increment(ref _overlaps);
            }
        }

        private void Exit() => Interlocked.Decrement(ref _callsInProgress);
    }
}
