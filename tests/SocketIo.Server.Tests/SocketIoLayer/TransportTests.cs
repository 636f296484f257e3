using SocketIo.Server.Tests.Infrastructure;
using Xunit.Abstractions;

namespace SocketIo.Server.Tests.SocketIoLayer;

/// <summary>
/// The same Socket.IO conversation over each way a client connects: long-polling only, WebSocket only, and the
/// client's default (polling, then upgrade to WebSocket mid-conversation).
/// </summary>
public sealed class TransportTests(ITestOutputHelper output)
{
    public static TheoryData<string[]> Transports => new()
    {
        new[] { "polling" },
        new[] { "websocket" },
        new[] { "polling", "websocket" },
    };

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task Events_acks_binary_and_namespaces_work_over(string[] transports)
    {
        var transportsAtDisconnect = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await SocketIoTestServer.StartAsync(output, io =>
        {
            io.OnConnection(socket =>
            {
                socket.On("echo", (SocketIoArguments args, SocketIoAck ack) => ack.Send(args));
                socket.On("burst", (int count) =>
                {
                    for (var i = 0; i < count; i++)
                    {
                        socket.Emit("n", i, new byte[] { (byte)i });
                    }
                });
                socket.OnDisconnecting(_ => transportsAtDisconnect.TrySetResult(socket.Transport));
            });
            io.Of("/other").OnConnection(socket => socket.Emit("hello", "/other"));
        });

        var result = await server.RunAsync(
            new { op = "connect", client = "a", transports, multiplex = true },
            new { op = "connect", client = "b", nsp = "/other", transports, multiplex = true },
            new { op = "emitWithAck", client = "a", @event = "echo", args = new object[] { "text", 1, Bin(1, 2, 3), new { nested = Bin(4) } } },
            new { op = "emit", client = "a", @event = "burst", args = new object[] { 50 } },
            new { op = "wait", client = "a", @event = "n", count = 50 },
            new { op = "wait", client = "b", @event = "hello" },
            new { op = "disconnect", client = "a" });

        Assert.Equal("[\"text\"]", Assert.Single(result.Acks("a")).GetProperty("args").GetRawText());
        var numbers = result.Received("n", "a");
        Assert.Equal(50, numbers.Count);
        Assert.Equal(Enumerable.Range(0, 50).Select(i => $"[{i},{{\"$bin\":\"{Convert.ToBase64String([(byte)i])}\"}}]"), numbers);
        Assert.Equal("[\"/other\"]", Assert.Single(result.Received("hello", "b")));
        var finalTransport = await transportsAtDisconnect.Task.WaitAsync(TestTimeouts.Default);
        Assert.Equal(transports[^1], finalTransport);
    }

    private static object Bin(params byte[] bytes) => new Dictionary<string, string> { ["$bin"] = Convert.ToBase64String(bytes) };
}
