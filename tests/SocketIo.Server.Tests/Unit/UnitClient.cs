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

    /// <summary>
    /// Sends a CONNECT and waits for the answer to it (<c>40{nsp},{"sid":…}</c> or a CONNECT_ERROR), then until the
    /// connect is over: the packets sent from then on go straight to the socket instead of being held.
    /// </summary>
    public async Task<string> ConnectAsync(string nsp = "/")
    {
        var before = Connection.Frames.Count;
        await SendAsync(nsp == "/" ? "0" : $"0{nsp},");
        return await AnsweredAsync(Connection, Handler, nsp, before);
    }

    /// <summary>Waits for the answer to a CONNECT sent after the first <paramref name="skip"/> frames, and for the connect's end.</summary>
    public static async Task<string> AnsweredAsync(RecordingConnection connection, IEngineIoSessionHandler handler, string nsp, int skip = 0)
    {
        var prefix = nsp == "/" ? string.Empty : nsp + ",";
        var answer = await connection.WaitForSentAsync(
            frame => frame.StartsWith("40" + prefix + "{\"sid\"", StringComparison.Ordinal) || frame.StartsWith("44" + prefix + "{", StringComparison.Ordinal),
            $"the answer to the CONNECT to {nsp}",
            skip);

        // The CONNECT reply goes out before the connection handlers run and the held packets are handed over.
        await Engine.EngineTestServer.WaitUntilAsync(() => !((Client)handler).IsConnecting(nsp));
        return answer;
    }
}
