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
    private TaskCompletionSource _sent = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ConcurrentQueue<EngineFrame> Frames { get; } = new();

    public string? ClosedWith { get; private set; }

    public string Id { get; } = "engine-session-id-01";

    public int ProtocolVersion => 4;

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

    public EngineSendResult Send(ReadOnlySpan<EngineFrame> frames, bool isVolatile = false)
    {
        if (!IsOpen)
        {
            return EngineSendResult.Closed;
        }

        foreach (var frame in frames)
        {
            Frames.Enqueue(frame);
        }

        Interlocked.Exchange(ref _sent, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
        return EngineSendResult.Queued;
    }

    public void Close(string? reason = null) => ClosedWith ??= reason ?? EngineCloseReasons.ForcedClose;

    /// <summary>Waits (bounded) until a frame sent satisfies <paramref name="condition"/>, re-checking on every send.</summary>
    public async Task WaitForAsync(Func<string, bool> condition)
    {
        using var timeout = new CancellationTokenSource(Infrastructure.TestTimeouts.Default);
        while (true)
        {
            var sent = Volatile.Read(ref _sent).Task;
            if (Sent.Any(condition))
            {
                return;
            }

            await sent.WaitAsync(timeout.Token);
        }
    }

    /// <summary>Text frames as strings; binary frames as <c>&lt;bin:hex&gt;</c>.</summary>
    public IReadOnlyList<string> Sent => [.. Frames.Select(f => f.IsBinary ? $"<bin:{Convert.ToHexString(f.Payload.Span)}>" : Encoding.UTF8.GetString(f.Payload.Span))];
}
