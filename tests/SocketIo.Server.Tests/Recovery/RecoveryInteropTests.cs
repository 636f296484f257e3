using System.Collections.Concurrent;
using System.Text.Json;
using SocketIo.Adapters;
using SocketIo.Server.Tests.Infrastructure;
using SocketIo.Server.Tests.SocketIoLayer;
using Xunit.Abstractions;

namespace SocketIo.Server.Tests.Recovery;

/// <summary>
/// Connection state recovery with the real socket.io-client 4.8 and its automatic reconnection: a client that loses
/// its connection while the server keeps sending gets its socket back with every event it missed, once and in order;
/// a client that cannot show the right credentials in time gets a new socket.
/// </summary>
public sealed class RecoveryInteropTests(ITestOutputHelper output)
{
    /// <summary>How many of each numbered event the server sends in the stream scenario.</summary>
    private const int Count = 200;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    [Theory]
    [InlineData("client", "websocket")]
    [InlineData("server", "websocket")]
    [InlineData("client", "polling")]
    [InlineData("server", "polling")]
    public async Task A_client_that_loses_its_connection_gets_its_socket_back_with_every_event_once_in_order(string cut, string transport)
    {
        var sockets = new ConcurrentQueue<(Socket Socket, IReadOnlySet<string> Rooms)>();
        var producer = new TaskCompletionSource<Task>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await SocketIoTestServer.StartAsync(
            output,
            io => io.OnConnection(socket =>
            {
                sockets.Enqueue((socket, socket.Rooms));
                if (!socket.Recovered)
                {
                    socket.Join("room");
                    socket.Data["user"] = "alice";
                }

                // The first socket's handler keeps emitting on that socket object after its connection is gone, as an
                // application's would: with recovery on, its events reach the recovered socket.
                socket.On("start", (string cutBy, int cutAfter) => producer.TrySetResult(Task.Run(() => ProduceAsync(io, socket, cutBy == "server" ? cutAfter : -1))));
            }),
            o => o.ConnectionStateRecovery = new ConnectionStateRecoveryOptions());

        var options = JsonSerializer.Serialize(new { cut, cutAfter = 50, transports = new[] { transport } }, Json);
        var result = await NodeScript.RunAsync("socketio/recovery-stream.mjs", [server.Host.BaseUri.ToString(), options], output);
        result.AssertRan();
        await (await producer.Task.WaitAsync(TestTimeouts.Default)).WaitAsync(TestTimeouts.Default);

        var connects = result.Events("connect");
        Assert.Equal(2, connects.Count);
        Assert.False(connects[0].GetProperty("recovered").GetBoolean());
        Assert.True(connects[1].GetProperty("recovered").GetBoolean(), result.ToString());
        Assert.Equal(connects[0].StringProperty("id"), connects[1].StringProperty("id"));

        var summary = result.SingleEvent("summary");
        var received = summary.GetProperty("received");
        var all = Enumerable.Range(0, Count).ToArray();
        foreach (var name in new[] { "tick", "roomTick", "direct" })
        {
            Assert.Equal(all, received.GetProperty(name).EnumerateArray().Select(e => e.GetInt32()));

            // Each carries its offset as one more, last, argument.
            Assert.Equal("[2]", summary.GetProperty("shapes").GetProperty(name).GetRawText());
            Assert.True(summary.GetProperty("lastIsString").GetProperty(name).GetBoolean());
        }

        // Volatile events carry no offset; any may be lost (all are, while the stream keeps the client's queue busy),
        // none comes twice or out of order.
        if (received.TryGetProperty("vol", out var vol))
        {
            Assert.Equal("[1]", summary.GetProperty("shapes").GetProperty("vol").GetRawText());
            var volatiles = vol.EnumerateArray().Select(e => e.GetInt32()).ToArray();
            Assert.Equal(volatiles.Order().Distinct(), volatiles);
        }

        Assert.Equal(2, sockets.Count);
        var (first, second) = (sockets.ElementAt(0).Socket, sockets.ElementAt(1));
        Assert.False(first.Recovered);
        Assert.True(second.Socket.Recovered);
        Assert.Equal(first.Id, second.Socket.Id);
        Assert.Equal("alice", second.Socket.Data["user"]);

        // Its rooms were back before its connection handlers ran.
        Assert.Equal(new[] { first.Id, "room" }.Order(StringComparer.Ordinal), second.Rooms.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_client_that_comes_back_after_the_window_gets_a_new_socket()
    {
        var sockets = new ConcurrentQueue<Socket>();
        await using var server = await StartProbeServerAsync(sockets, o => o.MaxDisconnectionDuration = TimeSpan.FromMilliseconds(1));

        var result = await ProbeAsync(server, "/", new { nsp = "/", auth = new { pid = "$pid", offset = "$offset" } });

        var victim = result.SingleEvent("victim").StringProperty("id");
        var attempt = result.SingleEvent("attempt");
        Assert.True(attempt.GetProperty("ok").GetBoolean());
        Assert.NotEqual(victim, attempt.StringProperty("id"));
        Assert.All(sockets, socket => Assert.False(socket.Recovered));
    }

    [Fact]
    public async Task A_private_id_of_another_namespace_gives_a_new_socket_and_leaves_the_session_to_its_own()
    {
        var sockets = new ConcurrentQueue<Socket>();
        await using var server = await StartProbeServerAsync(sockets, namespaces: ["/a", "/b"]);

        var result = await ProbeAsync(
            server,
            "/a",
            new { nsp = "/b", auth = new { pid = "$pid", offset = "$offset" } },
            new { nsp = "/a", auth = new { pid = "$pid", offset = "$offset" } });

        var victim = result.SingleEvent("victim").StringProperty("id");
        var attempts = result.Events("attempt");
        Assert.NotEqual(victim, attempts[0].StringProperty("id"));
        Assert.Equal([["hello", attempts[0].StringProperty("id")]], Events(attempts[0]));

        // The session was not spent by the other namespace: its own client still recovers it.
        Assert.Equal(victim, attempts[1].StringProperty("id"));
        Assert.Single(sockets, socket => socket.Recovered && socket.Id == victim && socket.Namespace.Name == "/a");
    }

    [Fact]
    public async Task Tampered_credentials_give_a_new_socket_and_nothing_of_the_victim()
    {
        var sockets = new ConcurrentQueue<Socket>();
        await using var server = await StartProbeServerAsync(sockets);

        var result = await ProbeAsync(
            server,
            "/",
            new { nsp = "/", auth = new { pid = "AAAAAAAAAAAAAAAAAAAA", offset = "$offset" } },
            new { nsp = "/", auth = new { pid = 42, offset = "$offset" } },
            new { nsp = "/", auth = new { pid = new[] { "$pid" }, offset = "$offset" } },
            new { nsp = "/", auth = new { pid = "$pid", offset = 7 } },
            new { nsp = "/", auth = new { pid = "$pid", offset = new string('9', 5000) } },
            new { nsp = "/", auth = new { pid = "$pid" } },
            new { nsp = "/", auth = new { pid = "$pid", offset = "$offset~" } },

            // The attempt above spent the session: even the right pair cannot restore it now.
            new { nsp = "/", auth = new { pid = "$pid", offset = "$offset" } });

        var victim = result.SingleEvent("victim").StringProperty("id");
        var attempts = result.Events("attempt");
        Assert.Equal(8, attempts.Count);
        foreach (var attempt in attempts)
        {
            Assert.True(attempt.GetProperty("ok").GetBoolean(), attempt.GetRawText());
            var id = attempt.StringProperty("id");
            Assert.NotEqual(victim, id);

            // Its own greeting, nothing sent to the victim.
            Assert.Equal([["hello", id]], Events(attempt));
        }

        Assert.DoesNotContain(sockets, socket => socket.Recovered);
        Assert.All(server.Io.Sockets.Sockets.Values, socket => Assert.True(socket.Connected));
    }

    /// <summary>Sends the numbered events of the stream scenario, cutting the connection from the server side at <paramref name="cutAt"/>.</summary>
    private static async Task ProduceAsync(SocketIoServer io, Socket socket, int cutAt)
    {
        for (var i = 0; i < Count; i++)
        {
            await io.EmitAsync("tick", i);
            await io.To("room").EmitAsync("roomTick", i);
            socket.Emit("direct", i);
            socket.Volatile.Emit("vol", i);
            if (i == cutAt)
            {
                socket.Connection.Close();
            }

            // Paces the stream so that it goes on while the client reconnects.
            await Task.Delay(2);
        }

        socket.Emit("done");
    }

    /// <summary>A server that greets every socket with <c>hello(id)</c> in each of <paramref name="namespaces"/>, recovery on.</summary>
    private Task<SocketIoTestServer> StartProbeServerAsync(
        ConcurrentQueue<Socket> sockets,
        Action<ConnectionStateRecoveryOptions>? recovery = null,
        string[]? namespaces = null)
    {
        return SocketIoTestServer.StartAsync(
            output,
            io =>
            {
                foreach (var name in namespaces ?? ["/"])
                {
                    io.Of(name).OnConnection(socket =>
                    {
                        sockets.Enqueue(socket);
                        socket.Emit("hello", socket.Id);
                    });
                }
            },
            o =>
            {
                o.ConnectionStateRecovery = new ConnectionStateRecoveryOptions();
                recovery?.Invoke(o.ConnectionStateRecovery);
            });
    }

    private async Task<NodeScriptResult> ProbeAsync(SocketIoTestServer server, string victimNamespace, params object[] attempts)
    {
        var plan = JsonSerializer.Serialize(new { victim = new { nsp = victimNamespace }, attempts }, Json);
        var result = await NodeScript.RunAsync("socketio/recovery-probe.mjs", [server.Host.BaseUri.ToString(), plan], output);
        result.AssertRan();
        result.SingleEvent("done");
        return result;
    }

    /// <summary>An attempt's received events as [name, first argument], the offset left out.</summary>
    private static string?[][] Events(JsonElement attempt)
        => [.. attempt.GetProperty("received").EnumerateArray().Select(e => new[] { e[0].GetString(), e[1].GetString() })];
}
