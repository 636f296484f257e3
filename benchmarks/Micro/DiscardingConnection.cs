using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using SocketIo.Engine;
using SocketIo.Protocol.Engine;

namespace SocketIo.Benchmarks.Micro;

/// <summary>An Engine.IO session that takes every frame and drops it: the Socket.IO layer's cost alone.</summary>
internal sealed class DiscardingConnection(string id) : IEngineIoConnection
{
    // One request for every connection, so a benchmark that opens connections does not count it as theirs.
    private static readonly EngineIoRequest SharedRequest = new()
    {
        Headers = new HeaderDictionary { ["Host"] = "127.0.0.1" },
        Query = QueryCollection.Empty,
        User = new ClaimsPrincipal(),
        Url = "/socket.io/?EIO=4&transport=websocket",
    };

    private long _frames;

    public string Id => id;

    public int ProtocolVersion => 4;

    public string Transport => "websocket";

    public EngineIoRequest Request => SharedRequest;

    public bool IsOpen => true;

    public long BufferedBytes => 0;

    /// <summary>Gets how many frames were sent, so a run can check the work was done.</summary>
    public long Frames => Interlocked.Read(ref _frames);

    public EngineSendResult Send(ReadOnlySpan<EngineFrame> frames, bool isVolatile = false)
    {
        Interlocked.Add(ref _frames, frames.Length);
        return EngineSendResult.Queued;
    }

    public ValueTask<bool> WaitForDrainAsync(long threshold, CancellationToken cancellationToken = default) => ValueTask.FromResult(true);

    public void Close(string? reason = null)
    {
    }
}
