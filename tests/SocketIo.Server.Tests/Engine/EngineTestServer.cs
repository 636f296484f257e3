using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using System.Net;
using System.Net.Http.Headers;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using SocketIo.Engine;
using SocketIo.Server.Tests.Infrastructure;
using Xunit.Abstractions;

namespace SocketIo.Server.Tests.Engine;

/// <summary>A TestHost serving Engine.IO at <c>/engine.io/</c> with a <see cref="RecordingHandler"/>, plus raw client helpers.</summary>
internal sealed class EngineTestServer : IAsyncDisposable
{
    private EngineTestServer(TestHost host, RecordingHandler handler, EngineIoServer server)
    {
        Host = host;
        Handler = handler;
        Server = server;
        Http = new HttpClient { BaseAddress = host.BaseUri, Timeout = TestTimeouts.Default };
    }

    public TestHost Host { get; }

    public RecordingHandler Handler { get; }

    public EngineIoServer Server { get; }

    public HttpClient Http { get; }

    /// <summary>
    /// Starts a server. Pings are a minute apart by default, so that a slow machine never times out a test that is
    /// not about heartbeats; those tests set 300/200 ms (the suites' values) or drive a manual clock.
    /// </summary>
    public static async Task<EngineTestServer> StartAsync(ITestOutputHelper output, Action<EngineIoOptions>? configure = null)
    {
        var handler = new RecordingHandler();
        EngineIoServer? server = null;
        var host = await TestHost.StartAsync(
            app =>
            {
                var options = new EngineIoOptions
                {
                    PingInterval = TimeSpan.FromMinutes(1),
                    PingTimeout = TimeSpan.FromMilliseconds(200),
                };
                configure?.Invoke(options);
                server = new EngineIoServer(options, handler, app.Services.GetRequiredService<ILoggerFactory>());
                app.MapEngineIo("/engine.io/", server);
            },
            output: output);
        return new EngineTestServer(host, handler, server!);
    }

    public static string Path(string query) => "engine.io/?EIO=4&" + query;

    public async Task<HttpResponseMessage> GetAsync(string query) =>
        await Http.GetAsync(Path(query)).WaitAsync(TestTimeouts.Default);

    public async Task<HttpResponseMessage> PostAsync(string query, string body, string contentType = "text/plain")
    {
        var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return await Http.PostAsync(Path(query), content).WaitAsync(TestTimeouts.Default);
    }

    /// <summary>Opens a polling session; returns its sid and the session as the handler sees it.</summary>
    /// <summary>Starts a server on a hand-driven clock that pings every 300 ms (pong timeout 200 ms, the default).</summary>
    public static Task<EngineTestServer> StartOnClockAsync(ITestOutputHelper output, ManualTimeProvider clock)
        => StartAsync(output, o => (o.TimeProvider, o.PingInterval) = (clock, TimeSpan.FromMilliseconds(300)));

    /// <summary>Holds a GET, moves the clock on by <paramref name="elapsed"/>, and asserts that the GET brought the ping.</summary>
    public async Task AssertPingAfterAsync(ManualTimeProvider clock, string sid, TimeSpan elapsed)
    {
        var ping = PollAsync(sid);
        clock.Advance(elapsed);
        Assert.Equal((HttpStatusCode.OK, "2"), await ping);
    }

    public async Task<(string Sid, RecordingHandler.Session Session)> HandshakeAsync()
    {
        using var response = await GetAsync("transport=polling");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.StartsWith("0{", body, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(body[1..]);
        var sid = json.RootElement.GetProperty("sid").GetString()!;
        var session = await Handler.NextSessionAsync();
        Assert.Equal(sid, session.Connection.Id);
        return (sid, session);
    }

    /// <summary>A polling GET; returns status and body.</summary>
    public async Task<(HttpStatusCode Status, string Body)> PollAsync(string sid)
    {
        using var response = await GetAsync("transport=polling&sid=" + sid);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    public async Task<(HttpStatusCode Status, string Body)> SendAsync(string sid, string payload)
    {
        using var response = await PostAsync("transport=polling&sid=" + sid, payload);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Waits until the server holds a GET for the session (so the next step cannot overtake it).</summary>
    public Task WaitForPendingGetAsync(string sid) => WaitUntilAsync(() => Server.FindSession(sid)?.HasPendingGet == true);

    /// <summary>Polls a server-side condition that has no event to await; bounded by the default timeout.</summary>
    public static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var cts = new CancellationTokenSource(TestTimeouts.Default);
        while (!condition())
        {
            await Task.Delay(5, cts.Token);
        }
    }

    public async Task<ClientWebSocket> ConnectWebSocketAsync(string query)
    {
        var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        await socket.ConnectAsync(Host.WebSocketUrl(Path(query)), CancellationToken.None).WaitAsync(TestTimeouts.Default);
        return socket;
    }

    public void Dispose() => Http.Dispose();

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Host.DisposeAsync();
    }
}
