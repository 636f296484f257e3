using System.Collections.Concurrent;
using SocketIo.Server.Tests.Infrastructure;
using SocketIo.Server.Tests.SocketIoLayer;
using Xunit.Abstractions;

namespace SocketIo.Server.Tests.Interop;

/// <summary>
/// Debian's python3-socketio client (python-socketio 5.x, protocol v5), run by tests/interop/python/socketio_client.py:
/// connect with auth, an event with an ack each way, an emit, over each transport.
/// </summary>
public sealed class PythonClientTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("polling")]
    [InlineData("websocket")]
    public async Task Connects_emits_and_acknowledges_both_ways_over(string transport)
    {
        var sockets = new ConcurrentDictionary<string, Socket>();
        var answer = new TaskCompletionSource<string?>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await SocketIoTestServer.StartAsync(output, io => io.OnConnection(socket =>
        {
            sockets[socket.Id] = socket;
            socket.On("sum", (int a, int b) => a + b);
            socket.On("greet", async (string name) =>
            {
                answer.TrySetResult(await socket.Timeout(TestTimeouts.Default).EmitWithAckAsync<string>("question", 1));
                socket.Emit("greeting", $"hello {name}", socket.Handshake.Auth, socket.Transport);
            });
        }));

        var result = await NodeScript.RunAsync("python/socketio_client.py", [server.Host.BaseUri.ToString(), transport], output);

        result.AssertRan();
        var lines = new DriverResult(result);
        Assert.Empty(lines.Lines("error"));
        var connect = lines.Connect();
        Assert.Equal(transport, connect.GetProperty("transport").GetString());
        Assert.Contains(connect.GetProperty("sid").GetString()!, sockets.Keys);
        Assert.Equal("[5]", lines.Only("ack").GetProperty("args").GetRawText());
        Assert.Equal("[1]", Assert.Single(lines.Received("question")));
        Assert.Equal("from python", await answer.Task.WaitAsync(TestTimeouts.Default));
        Assert.Equal($"[\"hello py\",{{\"lang\":\"python\"}},\"{transport}\"]", Assert.Single(lines.Received("greeting")));
    }
}
