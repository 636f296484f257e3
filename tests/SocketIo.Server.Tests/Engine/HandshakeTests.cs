using System.Net;
using System.Text.Json;
using SocketIo.Engine;
using SocketIo.Server.Tests.Infrastructure;
using Xunit.Abstractions;

namespace SocketIo.Server.Tests.Engine;

public sealed class HandshakeTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Polling_handshake_has_exact_keys_and_headers()
    {
        // The suites' values; on a clock that stands still, so no heartbeat runs while the test looks.
        await using var server = await EngineTestServer.StartAsync(output, o =>
        {
            o.TimeProvider = new ManualTimeProvider();
            o.PingInterval = TimeSpan.FromMilliseconds(300);
            o.PingTimeout = TimeSpan.FromMilliseconds(200);
            o.MaxHttpBufferSize = 1_000_000;
        });
        using var response = await server.GetAsync("transport=polling&t=burst");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain; charset=UTF-8", response.Content.Headers.ContentType?.ToString());
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal('0', body[0]);
        using var json = JsonDocument.Parse(body[1..]);
        Assert.Equal(
            ["sid", "upgrades", "pingInterval", "pingTimeout", "maxPayload"],
            json.RootElement.EnumerateObject().Select(p => p.Name));
        var sid = json.RootElement.GetProperty("sid").GetString()!;
        Assert.Equal(20, sid.Length);
        Assert.All(sid, c => Assert.True(char.IsAsciiLetterOrDigit(c) || c is '-' or '_'));
        Assert.Equal("""["websocket"]""", json.RootElement.GetProperty("upgrades").GetRawText());
        Assert.Equal(300, json.RootElement.GetProperty("pingInterval").GetInt32());
        Assert.Equal(200, json.RootElement.GetProperty("pingTimeout").GetInt32());
        Assert.Equal(1_000_000, json.RootElement.GetProperty("maxPayload").GetInt32());

        var session = await server.Handler.NextSessionAsync();
        Assert.Equal(sid, session.Connection.Id);
        Assert.Equal("polling", session.Connection.Transport);
        Assert.Equal(4, session.Connection.ProtocolVersion);
        Assert.True(session.Connection.IsOpen);
        Assert.Equal("burst", session.Connection.Request.Query["t"]);
        Assert.Equal("burst", session.Connection.Request.Query["T"]);

        // Nobody authenticated: the user is anonymous, and the same one on every read.
        Assert.False(session.Connection.Request.User.Identity?.IsAuthenticated);
        Assert.Same(session.Connection.Request.User, session.Connection.Request.User);

        // The request's snapshot outlives the request: the next one on the same kept-alive connection, which Kestrel
        // serves with the recycled request objects, leaves it as it was.
        var request = session.Connection.Request;
        var url = request.Url;
        var host = request.Headers.Host.ToString();
        using var next = await server.GetAsync("transport=polling&t=other");
        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
        Assert.Equal("burst", request.Query["t"]);
        Assert.Equal(url, request.Url);
        Assert.EndsWith("transport=polling&t=burst", url, StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(host));
        Assert.Equal(host, request.Headers.Host.ToString());
    }

    [Fact]
    public async Task Path_without_trailing_slash_works()
    {
        await using var server = await EngineTestServer.StartAsync(output);
        using var response = await server.Http.GetAsync("engine.io?EIO=4&transport=polling").WaitAsync(TestTimeouts.Default);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("0{\"sid\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Upgrades_are_empty_when_disabled()
    {
        await using var server = await EngineTestServer.StartAsync(output, o => o.AllowUpgrades = false);
        using var response = await server.GetAsync("transport=polling");
        Assert.Contains("\"upgrades\":[]", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cookie_and_on_handshake_are_applied()
    {
        await using var server = await EngineTestServer.StartAsync(output, o =>
        {
            o.Cookie = new EngineIoCookieOptions { Name = "io" };
            o.OnHandshake = (context, request) => request.Items["ua"] = context.Request.Headers.UserAgent.ToString();
        });
        using var request = new HttpRequestMessage(HttpMethod.Get, EngineTestServer.Path("transport=polling"));
        request.Headers.UserAgent.ParseAdd("test-agent/1");
        using var response = await server.Http.SendAsync(request).WaitAsync(TestTimeouts.Default);
        var session = await server.Handler.NextSessionAsync();
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"));
        Assert.StartsWith($"io={session.Connection.Id}; path=/", cookie, StringComparison.Ordinal);
        Assert.Contains("httponly", cookie, StringComparison.Ordinal);
        Assert.Equal("test-agent/1", session.Connection.Request.Items["ua"]);
    }

    [Fact]
    public void Invalid_options_fail_with_a_clear_message()
    {
        var builder = Microsoft.AspNetCore.Builder.WebApplication.CreateSlimBuilder();
        using var app = builder.Build();
        var handler = new RecordingHandler();
        var zero = Assert.Throws<ArgumentException>(() => app.MapEngineIo("/e", handler, o => o.PingInterval = TimeSpan.Zero));
        Assert.Contains("PingInterval", zero.Message, StringComparison.Ordinal);
        var size = Assert.Throws<ArgumentException>(() => app.MapEngineIo("/e", handler, o => o.MaxHttpBufferSize = 0));
        Assert.Contains("MaxHttpBufferSize", size.Message, StringComparison.Ordinal);
        var none = Assert.Throws<ArgumentException>(() => app.MapEngineIo("/e", handler, o => (o.AllowPolling, o.AllowWebSocket) = (false, false)));
        Assert.Contains("at least one transport", none.Message, StringComparison.Ordinal);
    }
}
