// The benchmark server: three events, default options. HOST and PORT come from the environment; with REDIS (a
// StackExchange.Redis configuration string, e.g. 127.0.0.1:6379) it joins a cluster through the classic Redis adapter,
// or the sharded one when REDIS_MODE=sharded; otherwise it is alone, in memory. BENCH_RECOVERY=1 turns connection state
// recovery on with its defaults (benchmarks/delivery-under-drops.sh).
using System.Text.Json;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using SocketIo.Redis;
using SocketIo.Server;

var host = Environment.GetEnvironmentVariable("HOST") ?? "127.0.0.1";
var port = Environment.GetEnvironmentVariable("PORT") ?? "7357";

var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.Logging.AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Information); // "Now listening on…" tells a runner it is up
if (Environment.GetEnvironmentVariable("BENCH_HOSTING_LOG") == "off")
{
    // No logger for the hosting layer's request events: it then creates no Activity and no log scope per request
    // (a WebSocket keeps both for its whole life). To measure what operations.md's advice saves.
    builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.None);
}
builder.WebHost.UseUrls($"http://{host}:{port}");
if (Environment.GetEnvironmentVariable("BENCH_KESTREL_INLINE") == "1")
{
    builder.WebHost.UseSockets(o => o.UnsafePreferInlineScheduling = true);
}

var socketIo = builder.Services.AddSocketIo(options =>
{
    if (Environment.GetEnvironmentVariable("BENCH_RECOVERY") == "1")
    {
        options.ConnectionStateRecovery = new SocketIo.Adapters.ConnectionStateRecoveryOptions();
    }
});

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

// BENCH_METRICS=otel: every SocketIo.* meter recorded by the OpenTelemetry SDK and served at /metrics for Prometheus, as
// the chat sample does; =traces: that, plus every span (events included) sampled and recorded by a tracer with no
// exporter. Unset: nobody listens. To measure what leaving the instrumentation on costs (benchmarks/telemetry-overhead.sh).
var metrics = Environment.GetEnvironmentVariable("BENCH_METRICS");
if (metrics is "otel" or "traces")
{
    var telemetry = builder.Services.AddOpenTelemetry().WithMetrics(m => m.AddMeter("SocketIo.*").AddPrometheusExporter());
    if (metrics == "traces")
    {
        builder.Services.Configure<SocketIoOptions>(o => o.TraceEvents = true);
        telemetry.WithTracing(t => t.AddSource("SocketIo.*").SetSampler(new AlwaysOnSampler()));
    }
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
if (diagnostics is "1" or "soak" or "raw")
{
    // For memory investigations only (off in benchmark runs): a full GC, then the live managed heap in bytes, as
    // plain text (a string needs no JSON metadata, so the endpoint also works published Native AOT).
    app.MapGet("/gc", static () =>
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return GC.GetTotalMemory(forceFullCollection: true).ToString(System.Globalization.CultureInfo.InvariantCulture);
    });
}

// BENCH_DIAGNOSTICS=alloc (with or without the raw baseline: BENCH_RAW=1): bytes allocated, per type, at /allocations.
if (diagnostics == "alloc")
{
    var sampler = new AllocationSampler();
    app.MapGet("/allocations", () => sampler.Report());
}

// BENCH_DIAGNOSTICS=gc (with or without the raw baseline: BENCH_RAW=1): the runtime's own GC totals at /gcstats, with no
// listener attached (which would cost the GC time it measures): total pause, collections per generation, bytes
// allocated; and the thread pool's completed work items and the lock contentions, which count thread hops and waits
// (benchmarks/gc-per-handshake.sh).
if (diagnostics == "gc")
{
    app.MapGet("/gcstats", static () => string.Create(
        System.Globalization.CultureInfo.InvariantCulture,
        $"pause_us {(long)GC.GetTotalPauseDuration().TotalMicroseconds}\ngen0 {GC.CollectionCount(0)}\ngen1 {GC.CollectionCount(1)}\ngen2 {GC.CollectionCount(2)}\nallocated {GC.GetTotalAllocatedBytes()}\nwork_items {ThreadPool.CompletedWorkItemCount}\ncontentions {Monitor.LockContentionCount}\n"));
}

if (diagnostics == "raw" || (diagnostics is "alloc" or "gc" && Environment.GetEnvironmentVariable("BENCH_RAW") == "1"))
{
    // Kestrel's share of the memory per connection: a bare WebSocket instead of Socket.IO (RawWebSocketBaseline.cs).
    app.UseWebSockets();
    app.Map("/socket.io/", RawWebSocketBaseline.HandleAsync);
    app.Run();
    return;
}

if (metrics is "otel" or "traces")
{
    app.MapPrometheusScrapingEndpoint();
}

var io = app.MapSocketIo();
// The soak run's extra event and counters: registered per socket, so off in memory measurements (BENCH_DIAGNOSTICS=1).
var soak = diagnostics == "soak" ? new SoakDiagnostics() : null;
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
