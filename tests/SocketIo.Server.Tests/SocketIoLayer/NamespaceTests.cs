using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.RegularExpressions;
using SocketIo.Server.Tests.Infrastructure;
using Xunit.Abstractions;

namespace SocketIo.Server.Tests.SocketIoLayer;

/// <summary>Namespaces as the seed documents describe them, exercised from the real socket.io-client.</summary>
public sealed class NamespaceTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Default_namespace_socket_id_is_the_one_the_client_sees()
    {
        var ids = new ConcurrentQueue<string>();
        await using var server = await SocketIoTestServer.StartAsync(output, io => io.OnConnection(socket =>
        {
            ids.Enqueue(socket.Id);
            socket.Emit("your-id", socket.Id);
        }));

        var result = await server.RunAsync(
            new { op = "connect" },
            new { op = "wait", @event = "your-id" });

        var sid = result.Connect().GetProperty("sid").GetString();
        Assert.Equal(20, sid!.Length);
        Assert.Equal([sid], ids);
        Assert.Equal($"[\"{sid}\"]", Assert.Single(result.Received("your-id")));
    }

    [Fact]
    public async Task Server_and_default_namespace_emit_to_every_socket_of_slash_only()
    {
        await using var server = await SocketIoTestServer.StartAsync(output, io =>
        {
            io.OnConnection(socket => socket.On("go", async () =>
            {
                // io.sockets.emit and io.emit: the same thing, to everyone on "/".
                await io.Sockets.EmitAsync("hi", "everyone");
                await io.EmitAsync("hi", "again");
            }));
            io.Of("/my-namespace").OnConnection(_ => { });
        });

        var result = await server.RunAsync(
            new { op = "connect", client = "a" },
            new { op = "connect", client = "b" },
            new { op = "connect", client = "other", nsp = "/my-namespace" },
            new { op = "emit", client = "a", @event = "go" },
            new { op = "wait", client = "a", @event = "hi", count = 2 },
            new { op = "wait", client = "b", @event = "hi", count = 2 });

        Assert.Equal(["[\"everyone\"]", "[\"again\"]"], result.Received("hi", "a"));
        Assert.Equal(["[\"everyone\"]", "[\"again\"]"], result.Received("hi", "b"));
        Assert.Empty(result.Received("hi", "other"));
    }

    [Fact]
    public async Task Custom_namespace_emits_only_to_its_own_sockets()
    {
        await using var server = await SocketIoTestServer.StartAsync(output, io =>
        {
            var nsp = io.Of("/my-namespace");
            nsp.OnConnection(socket => socket.On("ready", () => nsp.EmitAsync("hi", "everyone!")));
        });

        var result = await server.RunAsync(
            new { op = "connect", client = "main" },
            new { op = "connect", client = "a", nsp = "/my-namespace" },
            new { op = "emit", client = "a", @event = "ready" },
            new { op = "wait", client = "a", @event = "hi" });

        Assert.Equal("[\"everyone!\"]", Assert.Single(result.Received("hi", "a")));
        Assert.Empty(result.Received("hi", "main"));
    }

    [Fact]
    public async Task Unknown_namespace_is_refused_with_invalid_namespace()
    {
        await using var server = await SocketIoTestServer.StartAsync(output, _ => { });

        var result = await server.RunAsync(new { op = "connect", nsp = "/nope" });

        var connect = result.Connect();
        Assert.False(connect.GetProperty("ok").GetBoolean());
        Assert.Equal("Invalid namespace", connect.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Regex_namespace_creates_a_child_per_tenant_with_the_parents_middleware_and_handlers()
    {
        var childNames = new ConcurrentQueue<string>();
        ParentNamespace? workspaces = null;
        await using var server = await SocketIoTestServer.StartAsync(output, io =>
        {
            workspaces = io.Of(new Regex(@"^/\w+$"));
            workspaces.OnConnection(socket =>
            {
                var workspace = socket.Namespace;
                childNames.Enqueue(workspace.Name);
                _ = workspace.EmitAsync("hello", workspace.Name);
                socket.On("shout", () => workspaces.EmitAsync("all-workspaces", workspace.Name));
            });

            // Middleware on the parent applies to every child.
            workspaces.Use(async (socket, next) =>
            {
                if (socket.Namespace.Name == "/locked")
                {
                    throw new SocketIoConnectException("no access to this workspace");
                }

                await next();
            });
        });

        var result = await server.RunAsync(
            new { op = "connect", client = "a", nsp = "/tenant1" },
            new { op = "connect", client = "b", nsp = "/tenant2" },
            new { op = "connect", client = "c", nsp = "/locked" },
            new { op = "wait", client = "a", @event = "hello" },
            new { op = "wait", client = "b", @event = "hello" },
            new { op = "emit", client = "a", @event = "shout" },
            new { op = "wait", client = "a", @event = "all-workspaces" },
            new { op = "wait", client = "b", @event = "all-workspaces" });

        Assert.Equal("[\"/tenant1\"]", Assert.Single(result.Received("hello", "a")));
        Assert.Equal("[\"/tenant2\"]", Assert.Single(result.Received("hello", "b")));
        Assert.Equal("[\"/tenant1\"]", Assert.Single(result.Received("all-workspaces", "b")));
        Assert.Equal("no access to this workspace", result.Connect("c").GetProperty("message").GetString());
        Assert.Equal(["/tenant1", "/tenant2"], childNames.Order());
        Assert.Equal(["/locked", "/tenant1", "/tenant2"], workspaces!.Children.Keys.Order());
    }

    [Fact]
    public async Task Predicate_namespace_sees_the_auth_payload()
    {
        await using var server = await SocketIoTestServer.StartAsync(output, io =>
            io.Of((name, auth) => ValueTask.FromResult(
                    name.StartsWith("/room-", StringComparison.Ordinal)
                    && auth.TryGetProperty("key", out var key) && key.GetString() == "open-sesame"))
                .OnConnection(socket => socket.Emit("welcome", socket.Namespace.Name)));

        var result = await server.RunAsync(
            new { op = "connect", client = "a", nsp = "/room-1", auth = new { key = "open-sesame" } },
            new { op = "connect", client = "b", nsp = "/room-2", auth = new { key = "wrong" } },
            new { op = "wait", client = "a", @event = "welcome" });

        Assert.Equal("[\"/room-1\"]", Assert.Single(result.Received("welcome", "a")));
        Assert.Equal("Invalid namespace", result.Connect("b").GetProperty("message").GetString());
    }

    [Fact]
    public async Task Empty_child_namespaces_are_removed_when_the_option_is_on()
    {
        var left = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        ParentNamespace? parent = null;
        await using var server = await SocketIoTestServer.StartAsync(
            output,
            io =>
            {
                parent = io.Of(new Regex("^/dyn-"));
                parent.OnConnection(socket => socket.OnDisconnect(_ => left.TrySetResult()));
            },
            o => o.CleanupEmptyChildNamespaces = true);

        await server.RunAsync(new { op = "connect", nsp = "/dyn-1" }, new { op = "disconnect" });
        await left.Task.WaitAsync(TestTimeouts.Default);

        Assert.Empty(parent!.Children);
        Assert.False(server.Io.Namespaces.ContainsKey("/dyn-1"));
    }

    [Fact]
    public async Task One_connection_carries_many_namespaces()
    {
        var requests = new ConcurrentDictionary<string, object>();
        await using var server = await SocketIoTestServer.StartAsync(output, io =>
        {
            io.OnConnection(socket =>
            {
                requests["/"] = socket.Handshake.Request;
                socket.On("where", () => "root");
            });
            io.Of("/admin").OnConnection(socket =>
            {
                requests["/admin"] = socket.Handshake.Request;
                socket.On("where", () => "admin");
            });
        });

        var result = await server.RunAsync(
            new { op = "connect", client = "root", multiplex = true },
            new { op = "connect", client = "admin", nsp = "/admin", multiplex = true },
            new { op = "emitWithAck", client = "root", @event = "where" },
            new { op = "emitWithAck", client = "admin", @event = "where" },
            new { op = "disconnect", client = "admin" },
            new { op = "emitWithAck", client = "root", @event = "where" });

        Assert.Equal(["[\"root\"]", "[\"root\"]"], result.Acks("root").Select(a => a.GetProperty("args").GetRawText()));
        Assert.Equal("[\"admin\"]", Assert.Single(result.Acks("admin")).GetProperty("args").GetRawText());

        // Both sockets came over one Engine.IO session: they share its handshake request.
        Assert.Same(requests["/"], requests["/admin"]);
    }
}
