// The benchmark server: three events, default options. HOST and PORT come from the environment; with REDIS (a
// StackExchange.Redis configuration string, e.g. 127.0.0.1:6379) it joins a cluster through the classic Redis adapter,
// or the sharded one when REDIS_MODE=sharded; otherwise it is alone, in memory.
using System.Text.Json;
using SocketIo.Redis;
using SocketIo.Server;

var host = Environment.GetEnvironmentVariable("HOST") ?? "127.0.0.1";
var port = Environment.GetEnvironmentVariable("PORT") ?? "7357";

var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.Logging.AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Information); // "Now listening on…" tells a runner it is up
builder.WebHost.UseUrls($"http://{host}:{port}");
if (Environment.GetEnvironmentVariable("BENCH_KESTREL_INLINE") == "1")
{
    builder.WebHost.UseSockets(o => o.UnsafePreferInlineScheduling = true);
}

var socketIo = builder.Services.AddSocketIo();

// BENCH_ADMIN_UI=development or production: the Admin UI's instrumentation on (anonymous; no admin connects unless
// the run adds one), to measure what it costs to leave on.
if (Environment.GetEnvironmentVariable("BENCH_ADMIN_UI") is { Length: > 0 } adminMode)
{
    socketIo.AddAdminUI(o =>
    {
        o.AllowAnonymous = true;
        o.Mode = Enum.Parse<SocketIo.AdminUI.AdminUIMode>(adminMode, ignoreCase: true);
    });
}

if (Environment.GetEnvironmentVariable("REDIS") is { Length: > 0 } redis)
{
    if (Environment.GetEnvironmentVariable("REDIS_MODE") == "sharded")
    {
        socketIo.AddRedisShardedAdapter(redis);
    }
    else
    {
        socketIo.AddRedisAdapter(redis);
    }
}

var app = builder.Build();

var diagnostics = Environment.GetEnvironmentVariable("BENCH_DIAGNOSTICS");
if (diagnostics is "1" or "raw")
{
    // For memory investigations only (off in benchmark runs): a full GC, then the live managed heap in bytes.
    app.MapGet("/gc", static () =>
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return GC.GetTotalMemory(forceFullCollection: true);
    });
}

if (diagnostics == "raw")
{
    // Kestrel's share of the memory per connection: a bare WebSocket instead of Socket.IO (RawWebSocketBaseline.cs).
    app.UseWebSockets();
    app.Map("/socket.io/", RawWebSocketBaseline.HandleAsync);
    app.Run();
    return;
}

var io = app.MapSocketIo();
var soak = diagnostics == "1" ? new SoakDiagnostics() : null;
soak?.MapStats(app, io);
io.OnConnection(socket =>
{
    soak?.Register(socket);
    socket.On("join", (string room, SocketIoAck ack) =>
    {
        socket.Join(room);
        ack.Send();
    });
    socket.On("bcast", async (string room, int count, JsonElement payload, SocketIoAck ack) =>
    {
        var members = io.To(room);
        for (var i = 0; i < count; i++)
        {
            await members.EmitAsync("msg", payload);
        }

        ack.Send();
    });
    socket.On("echo", (JsonElement payload) => payload);
});

app.Run();
