using System.Net;
using System.Net.Http.Headers;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using SocketIo.Server.Tests.Infrastructure;
using Xunit.Abstractions;

namespace SocketIo.Server.Tests.Engine;

/// <summary>Raw Engine.IO v3 requests (<c>EIO=3</c>) against an <see cref="EngineTestServer"/> started with <c>AllowEio3</c>.</summary>
internal sealed class Eio3Client : IAsyncDisposable
{
    private Eio3Client(EngineTestServer server) => Server = server;

    public EngineTestServer Server { get; }

    /// <summary>Starts a server serving protocol v3; pings as <see cref="EngineTestServer.StartAsync"/> sets them unless changed.</summary>
    public static async Task<Eio3Client> StartAsync(ITestOutputHelper output, Action<SocketIo.Engine.EngineIoOptions>? configure = null)
        => new(await EngineTestServer.StartAsync(output, o =>
        {
            o.AllowEio3 = true;
            configure?.Invoke(o);
        }));

    public ValueTask DisposeAsync() => Server.DisposeAsync();

    public static string Path(string query) => "engine.io/?EIO=3&" + query;

    public async Task<HttpResponseMessage> GetAsync(string query) =>
        await Server.Http.GetAsync(Path(query)).WaitAsync(TestTimeouts.Default);

    /// <summary>
    /// Opens a polling session and checks the v3 handshake: <c>&lt;length&gt;:0{…}</c> alone, the length being that of
    /// the rest in UTF-16 code units. Returns the sid, the open packet's JSON and the session as the handler sees it.
    /// </summary>
    public async Task<(string Sid, JsonElement Open, RecordingHandler.Session Session)> HandshakeAsync(string extraQuery = "")
    {
        using var response = await GetAsync("transport=polling" + extraQuery);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain; charset=UTF-8", response.Content.Headers.ContentType?.ToString());
        var body = await response.Content.ReadAsStringAsync();
        var colon = body.IndexOf(':', StringComparison.Ordinal);
        Assert.True(colon > 0, body);
        Assert.Equal(body.Length - colon - 1, int.Parse(body[..colon], System.Globalization.CultureInfo.InvariantCulture));
        Assert.StartsWith("0{", body[(colon + 1)..], StringComparison.Ordinal);
        var open = JsonDocument.Parse(body[(colon + 2)..]).RootElement.Clone();
        var sid = open.GetProperty("sid").GetString()!;
        var session = await Server.Handler.NextSessionAsync();
        Assert.Equal(sid, session.Connection.Id);
        Assert.Equal(3, session.Connection.ProtocolVersion);
        return (sid, open, session);
    }

    /// <summary>A polling GET read as text.</summary>
    public async Task<(HttpStatusCode Status, string Body)> PollAsync(string sid, string extraQuery = "")
    {
        using var response = await GetAsync("transport=polling&sid=" + sid + extraQuery);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>A polling GET read as bytes, with its <c>Content-Type</c>.</summary>
    public async Task<(HttpStatusCode Status, string? ContentType, byte[] Body)> PollBytesAsync(string sid)
    {
        using var response = await GetAsync("transport=polling&sid=" + sid);
        return (response.StatusCode, response.Content.Headers.ContentType?.ToString(), await response.Content.ReadAsByteArrayAsync());
    }

    /// <summary>POSTs a text-framed payload the way the 2.x client does (<c>text/plain;charset=UTF-8</c>).</summary>
    public Task<(HttpStatusCode Status, string Body)> SendAsync(string sid, string payload, string contentType = "text/plain; charset=UTF-8")
        => PostAsync(sid, Encoding.UTF8.GetBytes(payload), contentType);

    /// <summary>POSTs raw bytes with exactly the given <c>Content-Type</c>.</summary>
    public async Task<(HttpStatusCode Status, string Body)> PostAsync(string sid, byte[] body, string contentType, string extraQuery = "")
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        using var response = await Server.Http.PostAsync(Path("transport=polling&sid=" + sid + extraQuery), content).WaitAsync(TestTimeouts.Default);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    public async Task<ClientWebSocket> ConnectWebSocketAsync(string query)
    {
        var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        await socket.ConnectAsync(Server.Host.WebSocketUrl(Path(query)), CancellationToken.None).WaitAsync(TestTimeouts.Default);
        return socket;
    }

    /// <summary>Upgrades a polling session: probe, <c>3probe</c>, then <c>5</c> (the 2.x client waits for the probe's answer).</summary>
    public async Task<ClientWebSocket> UpgradeAsync(string sid)
    {
        var socket = await ConnectWebSocketAsync("transport=websocket&sid=" + sid);
        await socket.SendTextAsync("2probe");
        Assert.Equal("3probe", await socket.ReceiveTextAsync());
        await socket.SendTextAsync("5");
        return socket;
    }
}
