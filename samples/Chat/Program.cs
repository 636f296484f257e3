// The quick-start chat: this server and two pages in wwwroot (index.html for people, admin.html for moderators) on
// the official socket.io browser client, plus the official Socket.IO Admin UI at /admin-ui/, metrics at /metrics and
// a health check at /healthz. Each block below shows one part of the API; wwwroot/chat.js is the other half of each.
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using OpenTelemetry.Metrics;
using SocketIo.Adapters;
using SocketIo.Redis;
using SocketIo.Server;

var builder = WebApplication.CreateBuilder(args);

// The Admin UI's server side: its login (user name and bcrypt hash), mode and namespace come from configuration
// (Chat:AdminUI; appsettings.json has development values). Its namespace is not /admin, which the moderators' page
// below uses: the UI's login form names it under "Advanced options".
// What the chat sends is described at compile time (ChatJsonContext), so the sample also runs published with Native
// AOT (dotnet publish -r linux-x64 -p:PublishAot=true), where the serializer cannot discover types by reflection.
var socketIo = builder.Services.AddSocketIo(options => options.JsonSerializerOptions.TypeInfoResolverChain.Insert(0, ChatJsonContext.Default))
    .AddAdminUI(options => builder.Configuration.GetSection("Chat:AdminUI").Bind(options));

// Operations (docs/operations.md): every SocketIo.* metric, with ASP.NET Core's and Kestrel's own, for Prometheus at
// /metrics through the OpenTelemetry SDK; and a health check at /healthz (degraded while Redis is unreachable). Both are
// open to anyone who reaches the port: in production serve them on an internal port only (RequireHost("*:9090")).
builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics
    .AddMeter("SocketIo.*", "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel")
    .AddPrometheusExporter());
builder.Services.AddHealthChecks().AddSocketIo();

// One setting makes several chat servers one chat: Chat:Redis, a StackExchange.Redis configuration string (e.g.
// "127.0.0.1:6379"; Chat__Redis in the environment). Each server then reaches the others' users through Redis.
if (builder.Configuration["Chat:Redis"] is { Length: > 0 } redis)
{
    socketIo.AddRedisAdapter(redis);
}

var app = builder.Build();

// The pages, their scripts, lib/socket.io.min.js, which the build copies from the socket.io-client npm package, and
// admin-ui/, the Admin UI's files, which it copies from the @socket.io/admin-ui package.
app.UseDefaultFiles();
app.UseStaticFiles();

app.MapPrometheusScrapingEndpoint();
app.MapHealthChecks("/healthz");

var io = app.MapSocketIo();
var admin = io.Of("/admin");

// Who may chat: the page connects with io({ auth: { nick, room } }). Namespace middleware runs before the socket
// joins, so a refused nickname never appears in the chat, and the page's connect_error handler shows the message.
io.Use(async (socket, next) =>
{
    var nick = ChatNames.ReadString(socket.Handshake.Auth, "nick");
    if (!ChatNames.IsValid(nick))
    {
        throw new SocketIoConnectException($"A nickname is {ChatNames.Rule}.");
    }

    // A check against the connected sockets is enough for a demo; two logins racing with one name could both
    // pass. An application with accounts would reserve names in its user store instead.
    if (io.Sockets.Sockets.Values.Any(other => string.Equals(NickOf(other), nick, StringComparison.OrdinalIgnoreCase)))
    {
        throw new SocketIoConnectException($"The nickname {nick} is taken.", new NicknameTaken(nick));
    }

    socket.Data["nick"] = nick;
    await next();
});

io.OnConnection(socket =>
{
    var nick = NickOf(socket);

    // The page sends its current room with every connection attempt (auth is a function there), so after a server
    // restart the automatic reconnection puts people back where they were.
    var room = ChatNames.ReadString(socket.Handshake.Auth, "room");
    Enter(socket, ChatNames.IsValid(room) ? room : ChatNames.Lobby);
    PublishUsers();

    // One room at a time: joining leaves the current room. The return value is the acknowledgement: the room the
    // socket is in now, or null when the name was refused.
    socket.On("join", (string? name) =>
    {
        if (!ChatNames.IsValid(name))
        {
            return null;
        }

        Leave(socket);
        Enter(socket, name);
        PublishUsers();
        return name;
    });

    socket.On("leave", () =>
    {
        Leave(socket);
        Enter(socket, ChatNames.Lobby);
        PublishUsers();
        return ChatNames.Lobby;
    });

    // To(room) is everyone in the room but the sender, whose page shows its own message at once; returning true
    // acknowledges it, and the page adds a ✓.
    socket.On("message", async (string? text) =>
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var current = RoomOf(socket);
        await socket.To(current).EmitAsync("message", new ChatMessage(nick, Shorten(text), current));
        return true;
    });

    // Every socket is in a room named by its id, so To(id) reaches exactly one user, on whichever server. The id must
    // be a connected socket's (fetched across servers): a room name here would turn a whisper into a broadcast.
    socket.On("private", async (string? to, string? text) =>
    {
        if (to is null || string.IsNullOrWhiteSpace(text) || to == socket.Id || !(await io.FetchSocketsAsync()).Any(s => s.Id == to))
        {
            return false;
        }

        await socket.To(to).EmitAsync("private", new PrivateMessage(nick, socket.Id, Shorten(text)));
        return true;
    });

    // Volatile: a typing hint that cannot go out right now is worthless later, so it may be dropped, never queued.
    socket.On("typing", (bool typing) => socket.To(RoomOf(socket)).Volatile.EmitAsync("typing", nick, typing));

    // "disconnecting" runs while the socket is still in its rooms: the last moment to tell them who left. The emit
    // is not awaited here (the listener is synchronous): a failure to reach other servers is logged by the server.
    socket.OnDisconnecting(reason =>
    {
        foreach (var left in socket.Rooms.Where(r => r != socket.Id))
        {
            _ = socket.To(left).EmitAsync("notice", $"{nick} has left ({reason})");
        }
    });

    // By "disconnect" the socket is out of io.Sockets, so the list sent now no longer has it.
    socket.OnDisconnect(_ => PublishUsers());
});

// Moderators: a namespace of its own on the same connection, with its own gate. The token comes from configuration
// (Chat:AdminToken; appsettings.json has a development value; set Chat__AdminToken in the environment elsewhere).
var adminToken = Encoding.UTF8.GetBytes(app.Configuration["Chat:AdminToken"] ?? "");
admin.Use(async (socket, next) =>
{
    var token = Encoding.UTF8.GetBytes(ChatNames.ReadString(socket.Handshake.Auth, "token") ?? "");
    // Constant-time comparison, so response timing does not reveal how much of a guess was right.
    if (adminToken.Length == 0 || !CryptographicOperations.FixedTimeEquals(token, adminToken))
    {
        throw new SocketIoConnectException("Wrong admin token.");
    }

    await next();
});

admin.OnConnection(socket =>
{
    // FetchSocketsAsync asks the adapter, so with a multi-server adapter the list would cover every server.
    // Data is each socket's socket.Data as JSON.
    socket.On("list", async () =>
    {
        var sockets = await io.FetchSocketsAsync();
        return sockets
            .Select(s => new ModeratedUser(s.Id, Property(s.Data, "nick"), Property(s.Data, "room"), Property(s.Handshake, "address")))
            .OrderBy(u => u.Nick, StringComparer.OrdinalIgnoreCase)
            .ToList();
    });

    socket.On("kick", async (string? id) =>
    {
        var target = (await io.FetchSocketsAsync()).FirstOrDefault(s => s.Id == id);
        if (target is null)
        {
            return false;
        }

        // The page sees its disconnect event with the reason "io server disconnect", and does not reconnect by itself.
        await target.EmitAsync("notice", "A moderator removed you from the chat.");
        await target.DisconnectAsync();
        return true;
    });
});

app.Run();

// Tells everyone who is here, on every server, and the moderators' pages to refresh their lists. Not awaited by the
// handlers that call it, so it logs its own failure (the other servers unreachable, say) rather than lose it.
void PublishUsers() => _ = PublishUsersAsync();

async Task PublishUsersAsync()
{
    try
    {
        var users = (await io.FetchSocketsAsync())
            .Select(s => new ChatUser(s.Id, Property(s.Data, "nick") ?? "", Property(s.Data, "room") ?? ChatNames.Lobby))
            .OrderBy(u => u.Nick, StringComparer.OrdinalIgnoreCase)
            .ToList();
        await io.EmitAsync("users", users);
        await admin.EmitAsync("users changed");
    }
    catch (Exception e) when (e is AdapterUnavailableException or AdapterTimeoutException)
    {
        app.Logger.LogWarning("The user list was not published: {Reason}", e.Message);
    }
}

void Enter(Socket socket, string room)
{
    socket.Join(room);
    socket.Data["room"] = room;
    _ = socket.To(room).EmitAsync("notice", $"{NickOf(socket)} joined #{room}");
}

void Leave(Socket socket)
{
    var room = RoomOf(socket);
    socket.Leave(room);
    _ = socket.To(room).EmitAsync("notice", $"{NickOf(socket)} left #{room}");
}

static string NickOf(Socket socket) => socket.Data.TryGetValue("nick", out var nick) && nick is string text ? text : "";

static string RoomOf(Socket socket) => socket.Data.TryGetValue("room", out var room) && room is string name ? name : ChatNames.Lobby;

static string Shorten(string text) => text.Length <= 500 ? text : text[..500];

static string? Property(JsonElement json, string name) =>
    json.ValueKind == JsonValueKind.Object && json.TryGetProperty(name, out var value) ? value.GetString() : null;
