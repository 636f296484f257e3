using System.Diagnostics;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SocketIo.Engine;
using SocketIo.Server;

namespace SocketIo.Benchmarks.Micro;

/// <summary>
/// The Socket.IO layer's share of a handshake, without Kestrel or a WebSocket: a client opens on a discarding
/// connection, connects to the main namespace (the benchmark server's connection handler: three events) and receives
/// the CONNECT reply, then its connection closes. The allocated bytes per operation are what every handshake pays
/// above the transport's own.
/// </summary>
[MemoryDiagnoser]
public class SocketConnectBenchmarks
{
    // The Socket.IO CONNECT to the main namespace; the Engine.IO message prefix (4) is the transport's, already gone here.
    private static readonly ReadOnlyMemory<byte> Connect = "0"u8.ToArray();
    private SocketIoServer _io = null!;

    [GlobalSetup]
    public void Setup()
    {
        _io = new SocketIoServer(Options.Create(new SocketIoOptions()), NullLoggerFactory.Instance);
        _io.OnConnection(socket =>
        {
            socket.On("join", (string room, SocketIoAck ack) =>
            {
                socket.Join(room);
                ack.Send();
            });
            socket.On("bcast", async (string room, int count, JsonElement payload, SocketIoAck ack) =>
            {
                for (var i = 0; i < count; i++)
                {
                    await _io.To(room).EmitAsync("msg", payload);
                }

                ack.Send();
            });
            socket.On("echo", (JsonElement payload) => payload);
        });
    }

    [Benchmark]
    public async Task ConnectAndClose()
    {
        var (_, client) = await ConnectAsync();
        client.OnClosed("transport close");
    }

    /// <summary>Opens a client on a discarding connection and connects it to the main namespace.</summary>
    internal async ValueTask<(DiscardingConnection Connection, IEngineIoSessionHandler Client)> ConnectAsync()
    {
        var connection = new DiscardingConnection("bench");
        var client = _io.EndpointHandler.OnOpened(connection);
        await client.OnTextMessageAsync(Connect);
        await WaitForReplyAsync(connection);
        return (connection, client);
    }

    /// <summary>
    /// The reply is awaited (bounded): a CONNECT runs on the caller's thread only up to its first await, and on the
    /// thread pool when the namespace has middleware.
    /// </summary>
    private static async Task WaitForReplyAsync(DiscardingConnection connection)
    {
        var deadline = Stopwatch.StartNew();
        while (connection.Frames == 0)
        {
            if (deadline.Elapsed > TimeSpan.FromSeconds(10))
            {
                throw new TimeoutException("No CONNECT reply within 10 s.");
            }

            await Task.Yield();
        }
    }
}
