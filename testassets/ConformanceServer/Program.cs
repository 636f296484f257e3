// The server the official protocol suites run against: see README.md beside this file.
using ConformanceServer;
using SocketIo.Engine;
using SocketIo.Server;

var builder = WebApplication.CreateSlimBuilder(args);
builder.Services.AddSocketIo(SocketIoConformance.Configure);
builder.Services.AddCors(cors => cors.AddPolicy(ConformanceCors.AnyOrigin, policy => policy.AllowAnyOrigin().AllowAnyHeader().AllowAnyMethod()));
var app = builder.Build();
app.UseCors();

// Engine.IO suite: a bare echo with the timings the suite asserts.
app.MapEngineIo("/engine.io/", new EngineEchoHandler(), options =>
{
    options.PingInterval = TimeSpan.FromMilliseconds(300);
    options.PingTimeout = TimeSpan.FromMilliseconds(200);
    options.MaxHttpBufferSize = 1_000_000;
}).RequireCors(ConformanceCors.AnyOrigin);

// Socket.IO suite: namespaces / and /custom, echo events and acknowledgements.
app.MapSocketIoConformance();

app.Run();
