using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using SocketIo.Server.Tests.Infrastructure;
using Xunit.Abstractions;

namespace SocketIo.Server.Tests.SocketIoLayer;

/// <summary>
/// Every example of the Socket.IO 2.x <i>Namespaces</i> page (the seed documents 000 and 001), in its C# form
/// (docs/seed-examples.md), exercised from the real socket.io-client 2.5.0 the page was written for.
/// </summary>
public sealed class Seed2xExampleTests(ITestOutputHelper output)
{
    private sealed record User(string Name, bool IsAdmin);

    private Task<SocketIoTestServer> StartAsync(
        Action<SocketIoServer> configure,
        Action<WebApplicationBuilder>? builder = null,
        Action<WebApplication>? app = null)
        => SocketIoTestServer.StartAsync(output, configure, o => o.AllowEio3 = true, builder, app);

    [Fact]
    public async Task An_admin_namespace_with_its_own_middleware()
    {
        var deleted = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await StartAsync(io =>
        {
            var adminNamespace = io.Of("/admin");
            adminNamespace.Use(async (socket, next) =>
            {
                // ensure the user has sufficient rights
                await next();
            });
            adminNamespace.OnConnection(socket => socket.On("delete user", (string who) =>
            {
                deleted.TrySetResult(who);
                return "deleted";
            }));
        });

        var result = await server.RunV2Async(
            new { op = "connect", nsp = "/admin" },
            new { op = "emitWithAck", @event = "delete user", args = new[] { "mallory" } });

        Assert.Equal("[\"deleted\"]", Assert.Single(result.Acks()).GetProperty("args").GetRawText());
        Assert.Equal("mallory", await deleted.Task.WaitAsync(TestTimeouts.Default));
    }

    [Fact]
    public async Task One_namespace_per_tenant()
    {
        await using var server = await StartAsync(io =>
        {
            var workspaces = io.Of(new Regex(@"^/\w+$"));
            workspaces.OnConnection(socket =>
            {
                var workspace = socket.Namespace;
                _ = workspace.EmitAsync("hello", workspace.Name); // awaiting is optional: a failure is logged either way
            });

            // this middleware will be assigned to each namespace
            workspaces.Use(async (socket, next) =>
            {
                if (socket.Namespace.Name == "/locked")
                {
                    throw new SocketIoConnectException("no access to this workspace");
                }

                await next();
            });
        });

        var result = await server.RunV2Async(
            new { op = "connect", client = "a", nsp = "/tenant1" },
            new { op = "connect", client = "b", nsp = "/tenant2" },
            new { op = "connect", client = "locked", nsp = "/locked" },
            new { op = "wait", client = "a", @event = "hello" },
            new { op = "wait", client = "b", @event = "hello" });

        Assert.Equal("[\"/tenant1\"]", Assert.Single(result.Received("hello", "a")));
        Assert.Equal("[\"/tenant2\"]", Assert.Single(result.Received("hello", "b")));
        Assert.Equal("\"no access to this workspace\"", result.Connect("locked").GetProperty("error").GetRawText());
    }

    [Fact]
    public async Task The_default_namespace()
    {
        await using var server = await StartAsync(io =>
        {
            io.OnConnection(socket =>
            {
                // socket.on('disconnect', () => {}): here it tells those still there.
                socket.OnDisconnect(reason => _ = io.EmitAsync("left", reason));
                socket.On("go", async () =>
                {
                    // the following two will emit to all the sockets connected to `/`
                    await io.Sockets.EmitAsync("hi", "everyone");
                    await io.EmitAsync("hi", "everyone"); // short form
                });
            });
            io.Of("/elsewhere").OnConnection(_ => { });
        });

        var result = await server.RunV2Async(
            new { op = "connect", client = "a" },
            new { op = "connect", client = "b" },
            new { op = "connect", client = "elsewhere", nsp = "/elsewhere" },
            new { op = "emit", client = "a", @event = "go" },
            new { op = "wait", client = "a", @event = "hi", count = 2 },
            new { op = "wait", client = "b", @event = "hi", count = 2 },
            new { op = "disconnect", client = "a" },
            new { op = "wait", client = "b", @event = "left" });

        Assert.Equal(["[\"everyone\"]", "[\"everyone\"]"], result.Received("hi", "a"));
        Assert.Equal(["[\"everyone\"]", "[\"everyone\"]"], result.Received("hi", "b"));

        // The 2.x client on /elsewhere is also joined to / by the server, but it has no socket there to hear it.
        Assert.Empty(result.Received("hi", "elsewhere"));
        Assert.Equal($"[\"{SocketIoDisconnectReasons.ClientNamespaceDisconnect}\"]", Assert.Single(result.Received("left", "b")));
    }

    [Fact]
    public async Task A_custom_namespace()
    {
        var connected = new ConcurrentQueue<string>();
        await using var server = await StartAsync(io =>
        {
            var nsp = io.Of("/my-namespace");
            nsp.OnConnection(socket =>
            {
                connected.Enqueue(socket.Id); // someone connected
                socket.On("ready", () => nsp.EmitAsync("hi", "everyone!"));
            });
        });

        var result = await server.RunV2Async(
            new { op = "connect", client = "member", nsp = "/my-namespace" },
            new { op = "connect", client = "outsider" },
            new { op = "emit", client = "member", @event = "ready" },
            new { op = "wait", client = "member", @event = "hi" });

        Assert.Equal("[\"everyone!\"]", Assert.Single(result.Received("hi", "member")));
        Assert.Empty(result.Received("hi", "outsider"));
        Assert.Equal([result.Connect("member").GetProperty("sid").GetString()!], connected);
    }

    [Fact]
    public async Task Namespace_middleware_on_the_default_and_an_admin_namespace()
    {
        static Task<User> FetchUserAsync(SocketHandshake handshake)
        {
            var name = handshake.Query["user"].ToString();
            return Task.FromResult(new User(name, IsAdmin: name == "alice"));
        }

        await using var server = await StartAsync(io =>
        {
            // registers a middleware for the default namespace
            io.Use(async (socket, next) =>
            {
                if (socket.Handshake.Headers["x-api-key"] != "secret")
                {
                    throw new SocketIoConnectException("invalid");
                }

                await next();
            });

            // registers a middleware for a custom namespace
            io.Of("/admin").Use(async (socket, next) =>
            {
                var user = await FetchUserAsync(socket.Handshake);
                if (!user.IsAdmin)
                {
                    throw new SocketIoConnectException("forbidden");
                }

                socket.Data["user"] = user;
                await next();
            });
            io.Of("/admin").OnConnection(socket => socket.Emit("welcome", ((User)socket.Data["user"]!).Name));
        });

        var key = new Dictionary<string, string> { ["x-api-key"] = "secret" };
        var result = await server.RunV2Async(
            new { op = "connect", client = "valid", extraHeaders = key },
            new { op = "connect", client = "invalid", extraHeaders = new Dictionary<string, string> { ["x-api-key"] = "guess" } },
            new { op = "connect", client = "alice", nsp = "/admin", query = new { user = "alice" }, extraHeaders = key },
            new { op = "connect", client = "bob", nsp = "/admin", query = new { user = "bob" }, extraHeaders = key },
            new { op = "wait", client = "alice", @event = "welcome" });

        Assert.True(result.Connect("valid").GetProperty("ok").GetBoolean());
        Assert.Equal("\"invalid\"", result.Connect("invalid").GetProperty("error").GetRawText());
        Assert.Equal("[\"alice\"]", Assert.Single(result.Received("welcome", "alice")));
        Assert.Equal("\"forbidden\"", result.Connect("bob").GetProperty("error").GetRawText());
    }

    [Fact]
    public async Task Several_middleware_run_in_order_and_the_client_gets_the_error_event()
    {
        var ran = new ConcurrentQueue<int>();
        await using var server = await StartAsync(io =>
        {
            io.Use(async (_, next) =>
            {
                ran.Enqueue(1);
                await next();
            });
            io.Use((_, _) =>
            {
                ran.Enqueue(2);
                throw new SocketIoConnectException("thou shall not pass");
            });
            io.Use(async (_, next) =>
            {
                ran.Enqueue(3); // not executed, since the previous middleware has returned an error
                await next();
            });
        });

        // socket.on('error', (reason) => { console.log(reason); }) prints "thou shall not pass".
        var result = await server.RunV2Async(new { op = "connect" });

        Assert.Equal("\"thou shall not pass\"", result.Connect().GetProperty("error").GetRawText());
        Assert.Equal([1, 2], ran);
    }

    [Fact]
    public async Task Express_middleware_becomes_the_aspnet_core_pipeline()
    {
        await using var server = await StartAsync(
            io =>
            {
                io.Use(async (socket, next) =>
                {
                    if (socket.User.Identity?.IsAuthenticated != true)
                    {
                        throw new SocketIoConnectException("unauthorized");
                    }

                    await next();
                });
                io.OnConnection(socket => socket.Emit("whoami", socket.User.Identity!.Name));
            },
            builder: HandshakeAndAuthenticationTests.AddCookieAuthentication,
            app: HandshakeAndAuthenticationTests.UseCookieAuthenticationWithLogin);

        var cookie = await HandshakeAndAuthenticationTests.LoginAsync(server.Host, "alice", role: null);
        var result = await server.RunV2Async(
            new { op = "connect", client = "anonymous", transports = new[] { "polling", "websocket" } },
            new { op = "connect", client = "alice", transports = new[] { "polling", "websocket" }, extraHeaders = new Dictionary<string, string> { ["cookie"] = cookie } },
            new { op = "wait", client = "alice", @event = "whoami" });

        Assert.Equal("\"unauthorized\"", result.Connect("anonymous").GetProperty("error").GetRawText());
        Assert.Equal("[\"alice\"]", Assert.Single(result.Received("whoami", "alice")));
    }
}
