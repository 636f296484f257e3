using System.Text;
using SocketIo.Engine;
using SocketIo.Server.Tests.Infrastructure;

namespace SocketIo.Server.Tests.Unit;

/// <summary>One client of a Socket.IO server in memory: packets in through the engine seam, frames recorded out.</summary>
internal sealed class UnitClient
{
    private static int s_count;

    public UnitClient(SocketIoServer io)
    {
        Connection = new RecordingConnection { Id = $"engine-session-id-{Interlocked.Increment(ref s_count):D2}" };
        Handler = io.EngineHandler.OnOpened(Connection);
    }

    public RecordingConnection Connection { get; }

    public IEngineIoSessionHandler Handler { get; }

    /// <summary>
    /// Delivers one Socket.IO packet as the engine would (the <c>4</c> message prefix left out), bounded: a delivery that
    /// waits on user code fails the test instead of hanging it. Completes synchronously when the delivery does.
    /// </summary>
    public Task SendAsync(string socketIoPacket)
        => Handler.OnTextMessageAsync(Encoding.UTF8.GetBytes(socketIoPacket)).AsTask().WaitAsync(TestTimeouts.Default);

    /// <summary>Sends a CONNECT and waits for the answer to it: <c>40{nsp},{"sid":…}</c> or a CONNECT_ERROR.</summary>
    public async Task<string> ConnectAsync(string nsp = "/")
    {
        var prefix = nsp == "/" ? string.Empty : nsp + ",";
        var before = Connection.Frames.Count;
        await SendAsync("0" + prefix);
        return await Connection.WaitForSentAsync(
            frame => frame.StartsWith("40" + prefix + "{\"sid\"", StringComparison.Ordinal) || frame.StartsWith("44" + prefix + "{", StringComparison.Ordinal),
            $"the answer to the CONNECT to {nsp}",
            before);
    }
}
