using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using SocketIo.AdminUI;
using SocketIo.Server.Tests.SocketIoLayer;
using Xunit.Abstractions;

namespace SocketIo.Server.Tests.AdminUI;

/// <summary>
/// A server with the Admin UI's server side and a small application on <c>/</c> whose events let a test make sockets
/// join and leave rooms, change their data and read the server's state. The real socket.io-client plays the UI.
/// </summary>
internal static class AdminUITestServer
{
    public const string Username = "admin";
    public const string Password = "correct horse battery staple";

    /// <summary>The bcrypt hash of <see cref="Password"/> at the lowest cost, so logins stay quick in tests.</summary>
    public static readonly string PasswordHash = BCrypt.Net.BCrypt.HashPassword(Password, 4);

    public static Task<SocketIoTestServer> StartAsync(ITestOutputHelper output, Action<AdminUIOptions> admin, Action<WebApplicationBuilder>? builder = null)
        => SocketIoTestServer.StartAsync(
            output,
            Application,
            builder: b =>
            {
                b.Services.AddSocketIo().AddAdminUI(o =>
                {
                    o.Username = Username;
                    o.PasswordHash = PasswordHash;
                    o.ServerId = "test-node";
                    o.StatsInterval = TimeSpan.FromMilliseconds(200);
                    admin(o);
                });
                builder?.Invoke(b);
            });

    /// <summary>
    /// The application: a socket joins the room its <c>room</c> query names, is welcomed with an event, and answers
    /// <c>hello</c>, <c>join-room</c>, <c>leave-room</c>, <c>set-data</c> and <c>state</c> (every socket of <c>/</c> with its rooms).
    /// </summary>
    public static void Application(SocketIoServer io) => io.OnConnection(socket =>
    {
        if (socket.Handshake.Query["room"].ToString() is { Length: > 0 } room)
        {
            socket.Join(room);
        }

        socket.Emit("welcome", "hi");
        socket.On("hello", (string text) => text);
        socket.On("join-room", (string room) =>
        {
            socket.Join(room);
            return true;
        });
        socket.On("leave-room", (string room) =>
        {
            socket.Leave(room);
            return true;
        });
        socket.On("set-data", (string color) =>
        {
            socket.Data["color"] = color;
            return true;
        });
        socket.On("state", () => io.Sockets.Sockets.Values
            .Select(s => new { id = s.Id, rooms = s.Rooms.Order(StringComparer.Ordinal).ToArray() })
            .OrderBy(s => s.id, StringComparer.Ordinal)
            .ToArray());
    });

    /// <summary>A driver step: <paramref name="client"/> connects to the admin namespace with <paramref name="auth"/>.</summary>
    public static object Login(string client, object auth, bool multiplex = false)
        => new { op = "connect", client, nsp = "/admin", auth, multiplex };

    public static object LoginWithPassword(string client = "ui", bool multiplex = false)
        => Login(client, new { username = Username, password = Password }, multiplex);

    public static object Wait(string client, string eventName, int count = 1)
        => new { op = "wait", client, @event = eventName, count };

    /// <summary>The arguments of each <paramref name="eventName"/> the client received, parsed.</summary>
    public static IReadOnlyList<JsonElement> Events(this DriverResult result, string eventName, string client = "ui")
        => [.. result.Received(eventName, client).Select(args => JsonDocument.Parse(args).RootElement.Clone())];
}
