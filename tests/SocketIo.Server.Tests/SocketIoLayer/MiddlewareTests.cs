using System.Collections.Concurrent;
using SocketIo.Server.Tests.Infrastructure;
using Xunit.Abstractions;

namespace SocketIo.Server.Tests.SocketIoLayer;

/// <summary>Namespace and per-packet middleware, as in the seed documents.</summary>
public sealed class MiddlewareTests(ITestOutputHelper output)
{
    private sealed record User(string Name, bool IsAdmin);

    private static Task<User> FetchUserAsync(SocketHandshake handshake)
    {
        var name = handshake.Query["user"].ToString();
        return Task.FromResult(new User(name, IsAdmin: name == "alice"));
    }

    [Fact]
    public async Task Admin_namespace_admits_admins_and_refuses_others_with_forbidden()
    {
        var deleted = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await SocketIoTestServer.StartAsync(output, io =>
        {
            var adminNamespace = io.Of("/admin");
            adminNamespace.Use(async (socket, next) =>
            {
                var user = await FetchUserAsync(socket.Handshake);
                if (!user.IsAdmin)
                {
                    throw new SocketIoConnectException("forbidden");
                }

                socket.Data["user"] = user; // Node's socket.user = user
                await next();
            });
            adminNamespace.OnConnection(socket => socket.On("delete user", (string who) =>
            {
                deleted.TrySetResult($"{((User)socket.Data["user"]!).Name} deleted {who}");
                return "done";
            }));
        });

        var result = await server.RunAsync(
            new { op = "connect", client = "admin", nsp = "/admin", query = new { user = "alice" } },
            new { op = "connect", client = "bob", nsp = "/admin", query = new { user = "bob" } },
            new { op = "emitWithAck", client = "admin", @event = "delete user", args = new[] { "mallory" } });

        Assert.True(result.Connect("admin").GetProperty("ok").GetBoolean());
        Assert.Equal("[\"done\"]", Assert.Single(result.Acks("admin")).GetProperty("args").GetRawText());
        Assert.Equal("alice deleted mallory", await deleted.Task.WaitAsync(TestTimeouts.Default));
        var refused = result.Connect("bob");
        Assert.False(refused.GetProperty("ok").GetBoolean());
        Assert.Equal("forbidden", refused.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Middleware_runs_in_order_and_stops_at_the_first_error_whose_message_and_data_reach_connect_error()
    {
        var ran = new ConcurrentQueue<int>();
        var connected = 0;
        await using var server = await SocketIoTestServer.StartAsync(output, io =>
        {
            io.Use(async (_, next) =>
            {
                ran.Enqueue(1);
                await next();
            });
            io.Use((_, _) =>
            {
                ran.Enqueue(2);
                throw new SocketIoConnectException("thou shall not pass", new { content = "Please retry later", code = 42 });
            });
            io.Use(async (_, next) =>
            {
                ran.Enqueue(3); // not executed, since the previous middleware failed
                await next();
            });
            io.OnConnection(_ => Interlocked.Increment(ref connected));
        });

        var result = await server.RunAsync(new { op = "connect" });

        var refused = result.Connect();
        Assert.False(refused.GetProperty("ok").GetBoolean());
        Assert.Equal("thou shall not pass", refused.GetProperty("message").GetString());
        Assert.Equal("{\"content\":\"Please retry later\",\"code\":42}", refused.GetProperty("data").GetRawText());
        Assert.Equal([1, 2], ran);
        Assert.Equal(0, connected);
    }

    [Fact]
    public async Task Middleware_that_throws_something_else_refuses_without_leaking_the_message()
    {
        await using var server = await SocketIoTestServer.StartAsync(output, io =>
            io.Use((_, _) => throw new InvalidOperationException("database password is hunter2")));

        var result = await server.RunAsync(new { op = "connect" });

        Assert.Equal("Internal server error", result.Connect().GetProperty("message").GetString());
        Assert.Contains(server.Host.Logs, l => l.Contains("hunter2", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Middleware_can_validate_the_handshake_request()
    {
        await using var server = await SocketIoTestServer.StartAsync(output, io =>
        {
            io.Use(async (socket, next) =>
            {
                if (socket.Handshake.Headers["x-api-key"] != "secret")
                {
                    throw new SocketIoConnectException("invalid");
                }

                await next();
            });
            io.OnConnection(socket => socket.Emit("ok"));
        });

        var result = await server.RunAsync(
            new { op = "connect", client = "good", extraHeaders = new Dictionary<string, string> { ["x-api-key"] = "secret" } },
            new { op = "connect", client = "bad", extraHeaders = new Dictionary<string, string> { ["x-api-key"] = "guess" } },
            new { op = "wait", client = "good", @event = "ok" });

        Assert.Single(result.Received("ok", "good"));
        Assert.Equal("invalid", result.Connect("bad").GetProperty("message").GetString());
    }

    [Fact]
    public async Task Per_packet_middleware_refusal_skips_handlers_and_raises_the_error_listener()
    {
        var handled = new ConcurrentQueue<string>();
        var reason = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await SocketIoTestServer.StartAsync(output, io => io.OnConnection(socket =>
        {
            socket.Use(async (packet, next) =>
            {
                if (packet.Name == "admin-only")
                {
                    throw new InvalidOperationException("unauthorized event");
                }

                await next();
            });
            socket.OnError(err =>
            {
                if (err.Message == "unauthorized event")
                {
                    socket.Disconnect();
                }
            });
            socket.On("admin-only", () => handled.Enqueue("admin-only"));
            socket.On("public", () =>
            {
                handled.Enqueue("public");
                return "fine";
            });
            socket.OnDisconnect(r => reason.TrySetResult(r));
        }));

        var result = await server.RunAsync(
            new { op = "connect" },
            new { op = "emitWithAck", @event = "public" },
            new { op = "emit", @event = "admin-only" },
            new { op = "waitDisconnect" });

        Assert.Equal("[\"fine\"]", Assert.Single(result.Acks()).GetProperty("args").GetRawText());
        Assert.Equal("io server disconnect", result.Only("disconnect").GetProperty("reason").GetString());
        Assert.Equal("server namespace disconnect", await reason.Task.WaitAsync(TestTimeouts.Default));
        Assert.Equal(["public"], handled);
    }
}
