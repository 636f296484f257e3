// The server the official protocol suites run against: see README.md beside this file.
using ConformanceServer;
using SocketIo.Engine;
using SocketIo.Server;

var builder = WebApplication.CreateSlimBuilder(args);

// ALLOW_EIO3=1 also serves Engine.IO v3 (the 2.x clients) on both endpoints, for the v3 suites.
var allowEio3 = Environment.GetEnvironmentVariable("ALLOW_EIO3") == "1";
builder.Services.AddSocketIo(options =>
{
    SocketIoConformance.Configure(options);
    options.AllowEio3 = allowEio3;
});
builder.Services.AddCors(cors => cors.AddPolicy(ConformanceCors.AnyOrigin, policy => policy.AllowAnyOrigin().AllowAnyHeader().AllowAnyMethod()));
var app = builder.Build();
app.UseCors();

// Engine.IO suite: a bare echo with the timings the suite asserts.
app.MapEngineIo("/engine.io/", new EngineEchoHandler(), options =>
{
    options.PingInterval = TimeSpan.FromMilliseconds(300);
    options.PingTimeout = TimeSpan.FromMilliseconds(200);
    options.MaxHttpBufferSize = 1_000_000;
    options.AllowEio3 = allowEio3;
}).RequireCors(ConformanceCors.AnyOrigin);

// Socket.IO suite: namespaces / and /custom, echo events and acknowledgements.
app.MapSocketIoConformance();

app.Run();
