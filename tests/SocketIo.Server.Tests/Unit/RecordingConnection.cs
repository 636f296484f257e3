using System.Collections.Concurrent;
using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Http;
using SocketIo.Protocol.Engine;
using SocketIo.Engine;

namespace SocketIo.Server.Tests.Unit;

/// <summary>An Engine.IO session stand-in that records what the Socket.IO layer sends and whether it closed.</summary>
internal sealed class RecordingConnection : IEngineIoConnection
{
    /// <summary>Guards the waiters; frames are counted under it so a waiter never misses the frame it waits for.</summary>
    private readonly Lock _gate = new();
    private readonly List<(Func<RecordingConnection, bool> Condition, TaskCompletionSource Done)> _waiters = [];
    private string? _closedWith;

    public ConcurrentQueue<EngineFrame> Frames { get; } = new();

    public string? ClosedWith
    {
        get => Volatile.Read(ref _closedWith);
        private set => Volatile.Write(ref _closedWith, value);
    }

    public string Id { get; init; } = "engine-session-id-01";

    public int ProtocolVersion { get; init; } = 4;

    public string Transport => "websocket";

    public EngineIoRequest Request { get; } = new()
    {
        Headers = new HeaderDictionary(),
        Query = new QueryCollection(),
        User = new ClaimsPrincipal(new ClaimsIdentity()),
        Url = "/socket.io/?EIO=4&transport=websocket",
    };

    public bool IsOpen => ClosedWith is null;

    /// <summary>Frames are "written" as they are sent: nothing is ever buffered.</summary>
    public long BufferedBytes => 0;

    public ValueTask<bool> WaitForDrainAsync(long threshold, CancellationToken cancellationToken = default) => ValueTask.FromResult(IsOpen);

    /// <summary>Runs on the sender's thread for each frame, as the client would read it, before it is recorded.</summary>
    public Action<EngineFrame>? Sending { get; set; }

    public EngineSendResult Send(ReadOnlySpan<EngineFrame> frames, bool isVolatile = false)
    {
        lock (_gate)
        {
            if (!IsOpen)
            {
                return EngineSendResult.Closed;
            }

            foreach (var frame in frames)
            {
                Sending?.Invoke(frame);
                Frames.Enqueue(frame);
            }
        }

        Notify();
        return EngineSendResult.Queued;
    }

    public void Close(string? reason = null)
    {
        lock (_gate)
        {
            ClosedWith ??= reason ?? EngineCloseReasons.ForcedClose;
        }

        Notify();
    }

    /// <summary>Waits (bounded) until at least <paramref name="count"/> frames were sent.</summary>
    public Task WaitForFramesAsync(int count) => WaitAsync(c => c.Frames.Count >= count, $"{count} frames");

    /// <summary>
    /// Waits (bounded) until a frame sent after the first <paramref name="skip"/> (see <see cref="Sent"/>) matches
    /// <paramref name="match"/>; returns it.
    /// </summary>
    public async Task<string> WaitForSentAsync(Func<string, bool> match, string what, int skip = 0)
    {
        await WaitAsync(c => c.Sent.Skip(skip).Any(match), what);
        return Sent.Skip(skip).First(match);
    }

    /// <summary>Waits (bounded) until the Socket.IO layer closed the session.</summary>
    public async Task<string> WaitClosedAsync()
    {
        await WaitAsync(c => c.ClosedWith is not null, "the close");
        return ClosedWith!;
    }

    private async Task WaitAsync(Func<RecordingConnection, bool> condition, string what)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            if (condition(this))
            {
                return;
            }

            _waiters.Add((condition, done));
        }

        try
        {
            await done.Task.WaitAsync(Infrastructure.TestTimeouts.Default);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"Waited in vain for {what}; sent so far: {string.Join(" | ", Sent)}; closed: {ClosedWith ?? "no"}.");
        }
    }

    private void Notify()
    {
        lock (_gate)
        {
            for (var i = _waiters.Count - 1; i >= 0; i--)
            {
                if (_waiters[i].Condition(this))
                {
                    _waiters[i].Done.TrySetResult();
                    _waiters.RemoveAt(i);
                }
            }
        }
    }

    /// <summary>Waits (bounded) until a frame sent satisfies <paramref name="condition"/>, re-checking on every send.</summary>
    public Task WaitForAsync(Func<string, bool> condition) => WaitAsync(c => c.Sent.Any(condition), "a frame that matches");

    /// <summary>Text frames as strings; binary frames as <c>&lt;bin:hex&gt;</c>.</summary>
    public IReadOnlyList<string> Sent => [.. Frames.Select(f => f.IsBinary ? $"<bin:{Convert.ToHexString(f.Payload.Span)}>" : Encoding.UTF8.GetString(f.Payload.Span))];
}
