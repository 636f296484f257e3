using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using SocketIo.Server.Tests.Infrastructure;
using Xunit.Abstractions;

namespace SocketIo.Server.Tests.SocketIoLayer;

/// <summary>A Socket.IO server on real Kestrel, and a way to drive the real socket.io-client against it.</summary>
public sealed class SocketIoTestServer : IAsyncDisposable
{
    private readonly ITestOutputHelper _output;

    private SocketIoTestServer(TestHost host, ITestOutputHelper output)
    {
        Host = host;
        _output = output;
        Io = host.Services.GetRequiredService<SocketIoServer>();
    }

    public TestHost Host { get; }

    public SocketIoServer Io { get; }

    /// <summary>Starts a server; <paramref name="configure"/> sets up namespaces and handlers before it listens.</summary>
    public static async Task<SocketIoTestServer> StartAsync(
        ITestOutputHelper output,
        Action<SocketIoServer> configure,
        Action<SocketIoOptions>? options = null,
        Action<WebApplicationBuilder>? builder = null,
        Action<WebApplication>? app = null)
    {
        var host = await TestHost.StartAsync(
            web =>
            {
                app?.Invoke(web);
                configure(web.MapSocketIo());
            },
            b =>
            {
                b.Services.AddSocketIo(o =>
                {
                    o.PingInterval = TimeSpan.FromSeconds(2);
                    o.PingTimeout = TimeSpan.FromSeconds(5);
                    options?.Invoke(o);
                });
                builder?.Invoke(b);
            },
            output);
        return new SocketIoTestServer(host, output);
    }

    /// <summary>Runs the socket.io-client driver (tests/interop/socketio/driver.mjs) through a plan of steps.</summary>
    public Task<DriverResult> RunAsync(params object[] steps) => RunDriverAsync("socketio/driver.mjs", steps);

    /// <summary>
    /// Runs the socket.io-client 2.x driver (tests/interop/socketio/driver-v2.mjs) through a plan of steps; the server
    /// must allow Engine.IO v3 (<see cref="SocketIoOptions.AllowEio3"/>).
    /// </summary>
    public Task<DriverResult> RunV2Async(params object[] steps) => RunDriverAsync("socketio/driver-v2.mjs", steps);

    private async Task<DriverResult> RunDriverAsync(string script, object[] steps)
    {
        var plan = JsonSerializer.Serialize(steps, JsonOptions);
        var result = await NodeScript.RunAsync(script, [Host.BaseUri.ToString(), plan], _output);
        result.AssertRan();
        return new DriverResult(result);
    }

    public ValueTask DisposeAsync() => Host.DisposeAsync();

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };
}
