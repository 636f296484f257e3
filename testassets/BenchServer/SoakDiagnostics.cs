using System.Collections.Concurrent;
using SocketIo.Server;

/// <summary>
/// What the soak run (benchmarks/soak.sh) needs beyond the benchmark handlers, on only with <c>BENCH_DIAGNOSTICS=soak</c>:
/// an <c>ask</c> event that makes the server wait for a client's acknowledgement (answered, ignored until the timeout,
/// or cut short by a disconnect), and <c>GET /stats</c>, which counts what must not be left behind once every client
/// is gone: sockets, rooms, acknowledgements still awaited, and the live managed heap after a full collection; and
/// how many sockets ended for each disconnect reason.
/// </summary>
internal sealed class SoakDiagnostics
{
    /// <summary>How long the server waits for a client's answer to <c>ask</c>.</summary>
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(2);

    private long _asksPending;
    private long _asksAnswered;
    private long _asksFailed;
    private readonly ConcurrentDictionary<string, long> _disconnects = new(StringComparer.Ordinal);

    /// <summary>
    /// The <c>ask(n)</c> handler, which emits <c>question(n)</c> with an acknowledgement and counts how the wait ended,
    /// and a count of the socket's disconnect reason.
    /// </summary>
    public void Register(Socket socket)
    {
        socket.On("ask", (int n) =>
        {
            Interlocked.Increment(ref _asksPending);
            _ = AskAsync(socket, n);
        });
        socket.OnDisconnect(reason => _disconnects.AddOrUpdate(reason, 1, static (_, count) => count + 1));
    }

    public void MapStats(WebApplication app, SocketIoServer io) => app.MapGet("/stats", async () =>
    {
        var rooms = await io.AllRoomsAsync();
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return new Dictionary<string, object>
        {
            ["sockets"] = io.Sockets.Sockets.Count,
            ["rooms"] = rooms.Count,
            ["asksPending"] = Interlocked.Read(ref _asksPending),
            ["asksAnswered"] = Interlocked.Read(ref _asksAnswered),
            ["asksFailed"] = Interlocked.Read(ref _asksFailed),
            ["heapBytes"] = GC.GetTotalMemory(forceFullCollection: true),
            ["rssBytes"] = Environment.WorkingSet,
            ["disconnects"] = new SortedDictionary<string, long>(_disconnects, StringComparer.Ordinal),
        };
    });

    private async Task AskAsync(Socket socket, int n)
    {
        try
        {
            await socket.Timeout(AskTimeout).EmitWithAckAsync("question", n);
            Interlocked.Increment(ref _asksAnswered);
        }
        catch (Exception e) when (e is TimeoutException or SocketDisconnectedException)
        {
            Interlocked.Increment(ref _asksFailed);
        }
        finally
        {
            Interlocked.Decrement(ref _asksPending);
        }
    }
}
