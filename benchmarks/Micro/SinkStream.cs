namespace SocketIo.Benchmarks.Micro;

/// <summary>
/// A duplex stream for an in-memory WebSocket: reads wait until the stream is disposed (an idle client), writes are
/// counted and discarded.
/// </summary>
internal sealed class SinkStream(SinkStream.Counter counter) : Stream
{
    private readonly TaskCompletionSource<int> _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        => new(_closed.Task.WaitAsync(cancellationToken));

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        counter.OnWrite();
        return ValueTask.CompletedTask;
    }

    public override void Write(byte[] buffer, int offset, int count) => counter.OnWrite();

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override void Flush()
    {
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        _closed.TrySetResult(0);
        base.Dispose(disposing);
    }

    /// <summary>Counts writes across every sink; completes a waiter when a target count is reached.</summary>
    internal sealed class Counter
    {
        private long _writes;
        private long _target = long.MaxValue;
        private TaskCompletionSource? _waiter;

        public Task ExpectMore(int count)
        {
            var waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            Volatile.Write(ref _waiter, waiter);
            var target = Interlocked.Read(ref _writes) + count;
            Volatile.Write(ref _target, target);
            if (Interlocked.Read(ref _writes) >= target)
            {
                Interlocked.Exchange(ref _waiter, null)?.TrySetResult();
            }

            return waiter.Task;
        }

        public void OnWrite()
        {
            if (Interlocked.Increment(ref _writes) >= Volatile.Read(ref _target))
            {
                Interlocked.Exchange(ref _waiter, null)?.TrySetResult();
            }
        }
    }
}
