using System.Text.Json;
using SocketIo.Server.Tests.Infrastructure;
using Xunit.Abstractions;

namespace SocketIo.Server.Tests.Samples;

/// <summary>
/// The chat sample as people use it: its built dll started on a free port, and pages in a real browser (Debian's
/// Chromium driven by playwright-core, scripts in <c>tests/interop/browser</c>).
/// </summary>
[Collection(nameof(BrowserTests))]
public sealed class ChatSampleTests(ITestOutputHelper output)
{
    /// <summary>A browser scenario starts Chromium with three pages: bound generously for a loaded 2-core machine.</summary>
    private static readonly TimeSpan ScenarioTimeout = TimeSpan.FromSeconds(150);

    [Fact]
    public async Task Starts_and_serves_the_pages_and_the_official_client_bundle()
    {
        await using var sample = await ChatSampleProcess.StartAsync(ChatSampleProcess.FreePort(), output);
        using var http = new HttpClient { BaseAddress = sample.BaseUrl, Timeout = TestTimeouts.Default };

        using var page = await http.GetAsync(new Uri("/", UriKind.Relative));
        Assert.Equal(System.Net.HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("<script src=\"lib/socket.io.min.js\"></script>", html, StringComparison.Ordinal);

        using var admin = await http.GetAsync(new Uri("/admin.html", UriKind.Relative));
        Assert.Equal(System.Net.HttpStatusCode.OK, admin.StatusCode);

        using var bundle = await http.GetAsync(new Uri("/lib/socket.io.min.js", UriKind.Relative));
        Assert.Equal(System.Net.HttpStatusCode.OK, bundle.StatusCode);
        Assert.Equal("text/javascript", bundle.Content.Headers.ContentType?.MediaType);
        var script = await bundle.Content.ReadAsStringAsync();
        Assert.StartsWith("/*!\n * Socket.IO v4.8.4", script, StringComparison.Ordinal);
        Assert.True(script.Length > 10_000, $"The bundle is only {script.Length} characters.");
    }

    [Fact]
    public async Task Exposes_its_metrics_for_Prometheus_and_its_health()
    {
        await using var sample = await ChatSampleProcess.StartAsync(ChatSampleProcess.FreePort(), output);
        using var http = new HttpClient { BaseAddress = sample.BaseUrl, Timeout = TestTimeouts.Default };

        Assert.Equal("Healthy", await http.GetStringAsync(new Uri("/healthz", UriKind.Relative)));

        // A long-polling client joins the chat (handshake, CONNECT with a nickname, the CONNECT's answer), then the
        // scrape: the Engine.IO and Socket.IO metrics, in Prometheus' names.
        var open = await http.GetStringAsync(new Uri("/socket.io/?EIO=4&transport=polling", UriKind.Relative));
        Assert.StartsWith("0", open, StringComparison.Ordinal);
        var sid = System.Text.Json.JsonDocument.Parse(open[1..]).RootElement.GetProperty("sid").GetString();
        var session = new Uri($"/socket.io/?EIO=4&transport=polling&sid={sid}", UriKind.Relative);
        using (var connect = await http.PostAsync(session, new StringContent("40{\"nick\":\"metrics\"}")))
        {
            Assert.Equal(System.Net.HttpStatusCode.OK, connect.StatusCode);
        }

        Assert.StartsWith("40{\"sid\"", await http.GetStringAsync(session), StringComparison.Ordinal);
        var metrics = await http.GetStringAsync(new Uri("/metrics", UriKind.Relative));
        output.WriteLine(metrics);
        Assert.Matches("engineio_server_handshakes_total\\{[^}]*engineio_transport=\"polling\"[^}]*\\} 1(\\s|$)", metrics);
        Assert.Matches("engineio_server_active_connections\\{[^}]*engineio_transport=\"polling\"[^}]*\\} 1(\\s|$)", metrics);
        Assert.Matches("socketio_server_active_sockets\\{[^}]*socketio_namespace=\"/\"[^}]*\\} 1(\\s|$)", metrics);
        Assert.Matches("engineio_server_packets_total\\{[^}]*network_io_direction=\"receive\"[^}]*\\} [1-9]", metrics);
        Assert.Contains("engineio_server_buffered_bytes", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pages_in_one_room_chat_and_a_page_in_another_room_sees_none_of_it()
    {
        var screenshot = Path.Combine(Path.GetTempPath(), $"chat-{Guid.NewGuid():N}.png");
        try
        {
            var run = await RunScenarioAsync("browser/rooms.mjs", "-", screenshot);
            AssertRooms(run, expectedTransport: "websocket");
            Assert.True(run.SingleEvent("typing").GetProperty("seen").GetBoolean(), "bob never saw \"alice is typing…\".");
            Assert.True(new FileInfo(screenshot).Length > 10_000, "The screenshot is missing or empty.");

            // UPDATE_SCREENSHOT=1 refreshes the README's picture of the page in use.
            if (Environment.GetEnvironmentVariable("UPDATE_SCREENSHOT") == "1")
            {
                File.Copy(screenshot, Path.Combine(ChatSampleProcess.RepositoryRoot, "docs", "chat-screenshot.png"), overwrite: true);
            }
        }
        finally
        {
            File.Delete(screenshot);
        }
    }

    [Fact]
    public async Task The_same_chat_works_over_polling_only()
    {
        var run = await RunScenarioAsync("browser/rooms.mjs", "?transport=polling");

        // Typing hints are volatile, and long-polling has moments with no request to write to: not asserted here.
        AssertRooms(run, expectedTransport: "polling");
    }

    [Fact]
    public async Task A_private_message_reaches_only_its_target()
    {
        var run = await RunScenarioAsync("browser/private.mjs");

        Assert.Equal("bob", run.SingleEvent("whispering").StringProperty("to"));
        Assert.Equal("psst bob", run.SingleEvent("acked").StringProperty("text"));
        var messages = run.Events("messages");
        Assert.Contains(Messages(messages[0]), m => m is { From: "alice", Text: "psst bob", Kind: "private" });
        var carol = Messages(messages[1]);
        Assert.Contains(carol, m => m is { From: "alice", Text: "hello everyone", Kind: "room" });
        Assert.DoesNotContain(carol, m => m.Text == "psst bob");
    }

    [Fact]
    public async Task A_refused_nickname_shows_the_middleware_error_a_good_one_joins_and_a_reload_keeps_the_name()
    {
        var run = await RunScenarioAsync("browser/nickname.mjs");

        var logins = run.Events("login");
        Assert.Equal(3, logins.Count);
        Assert.Equal(("refused", "A nickname is 1 to 20 letters, digits or _."), Outcome(logins[0]));
        Assert.Equal(("refused", "The nickname ALICE is taken."), Outcome(logins[1]));
        Assert.Equal(("connected", ""), Outcome(logins[2]));
        Assert.False(logins[0].GetProperty("chatVisible").GetBoolean());
        Assert.True(logins[2].GetProperty("chatVisible").GetBoolean());

        // The page closes its connection before unloading, so the server frees the name without waiting for a ping.
        Assert.Equal("online as alice", run.SingleEvent("reloaded").StringProperty("status"));

        static (string?, string?) Outcome(JsonElement line) => (line.StringProperty("outcome"), line.StringProperty("error"));
    }

    [Fact]
    public async Task The_admin_page_needs_the_configured_token_lists_users_and_kicks_one()
    {
        const string Token = "token-from-the-command-line";
        var run = await RunScenarioAsync("browser/admin.mjs", [Token], ["--Chat:AdminToken=" + Token]);

        Assert.Equal("Wrong admin token.", run.SingleEvent("refused").StringProperty("error"));
        var listed = run.Events("listed");
        Assert.Equal(["alice", "bob"], Nicks(listed[0]));
        var kicked = run.SingleEvent("kicked");
        Assert.Equal("disconnected: io server disconnect", kicked.StringProperty("status"));
        Assert.Contains("A moderator removed you from the chat.", kicked.GetProperty("notices").EnumerateArray().Select(n => n.GetString()));
        Assert.Equal("alice", run.SingleEvent("notified").StringProperty("page"));
        Assert.Equal(["alice"], Nicks(listed[1]));

        static string[] Nicks(JsonElement line) => [.. line.GetProperty("users").EnumerateArray().Select(u => u.StringProperty("nick") ?? "")];
    }

    [Fact]
    public async Task Pages_reconnect_by_themselves_and_chat_after_the_server_restarts()
    {
        var port = ChatSampleProcess.FreePort();
        var sample = await ChatSampleProcess.StartAsync(port, output);
        try
        {
            await using var script = NodeScript.Start("browser/restart.mjs", [sample.BaseUrl.ToString()], output, ScenarioTimeout);
            await WaitForEventOrErrorAsync(script, "ready");

            await sample.DisposeAsync();
            await WaitForEventOrErrorAsync(script, "disconnected");
            sample = await ChatSampleProcess.StartAsync(port, output);

            var reconnected = await WaitForEventOrErrorAsync(script, "reconnected", TimeSpan.FromSeconds(90));
            Assert.Equal(["#garden", "#garden"], reconnected.GetProperty("rooms").EnumerateArray().Select(r => r.GetString()));
            var result = await script.WaitForExitAsync();
            result.AssertRan();
            Assert.Empty(result.Events("error"));
            Assert.Equal("after the restart", result.SingleEvent("received").StringProperty("text"));
            result.SingleEvent("done");
        }
        finally
        {
            await sample.DisposeAsync();
        }
    }

    private static void AssertRooms(NodeScriptResult run, string expectedTransport)
    {
        Assert.Equal("#garden", run.SingleEvent("joined").StringProperty("room"));
        Assert.Equal(["hello from alice", "hi alice", "come over to #garden", "hello garden"], run.Events("received").Select(r => r.StringProperty("text")));

        var messages = run.Events("messages");
        var carol = Messages(messages[0]);
        Assert.DoesNotContain(carol, m => m.Text is "hello from alice" or "hi alice");
        Assert.Contains(carol, m => m.Notice == "alice joined #garden");
        var bob = Messages(messages[1]);
        Assert.Contains(bob, m => m is { From: "alice", Text: "hello from alice", Kind: "room" });
        Assert.Contains(bob, m => m is { From: "carol", Text: "come over to #garden", Kind: "private" });
        Assert.DoesNotContain(bob, m => m.Text == "hello garden");

        Assert.All(run.Events("transport"), t => Assert.Equal(expectedTransport, t.StringProperty("transport")));
        Assert.Equal(3, run.Events("transport").Count);
    }

    [Fact]
    public async Task The_Socket_IO_Admin_UI_logs_in_lists_the_chat_s_sockets_and_rooms_and_its_button_disconnects_one()
    {
        // The development credentials and namespace of appsettings.json, as README.md gives them.
        var run = await RunScenarioAsync("browser/admin-ui.mjs", "admin", "dev-admin-password", "/socketio-admin", "-");

        var chat = run.SingleEvent("chat");
        var (alice, bob) = (chat.StringProperty("alice")!, chat.StringProperty("bob")!);
        Assert.Equal("Invalid credentials", run.SingleEvent("refused").StringProperty("error"));
        run.SingleEvent("connected");

        var sockets = run.Events("sockets");
        Assert.Equal(new[] { alice, bob }.Order(StringComparer.Ordinal), Strings(sockets[0], "ids").Order(StringComparer.Ordinal));
        Assert.Equal(new[] { alice, bob, "games", "lobby" }.Order(StringComparer.Ordinal), Strings(run.SingleEvent("rooms"), "names").Order(StringComparer.Ordinal));

        var disconnected = run.SingleEvent("disconnected");
        Assert.Equal("disconnected: io server disconnect", disconnected.StringProperty("status"));
        Assert.Contains("Disconnected: io server disconnect", Strings(disconnected, "notices"));
        Assert.Equal(["alice"], Strings(run.SingleEvent("users"), "nicks"));

        // The socket's page the click opened shows what the chat keeps in bob's socket.Data, updates included.
        var details = run.SingleEvent("details");
        Assert.True(details.GetProperty("shown").GetBoolean());
        var data = JsonSerializer.Deserialize<Dictionary<string, string>>(details.StringProperty("data")!)!;
        Assert.Equal(("bob", "games"), (data["nick"], data["room"]));
        Assert.Equal([alice], Strings(sockets[1], "ids"));
    }

    private Task<NodeScriptResult> RunScenarioAsync(string script, params string[] args) => RunScenarioAsync(script, args, []);

    /// <summary>Starts the sample, runs a browser scenario against it, and checks the scenario ran to its end.</summary>
    private async Task<NodeScriptResult> RunScenarioAsync(string script, string[] args, string[] sampleArgs)
    {
        await using var sample = await ChatSampleProcess.StartAsync(ChatSampleProcess.FreePort(), output, sampleArgs);
        var run = await NodeScript.RunAsync(script, [sample.BaseUrl.ToString(), .. args], output, ScenarioTimeout);
        run.AssertRan();
        Assert.True(run.Events("error").Count == 0, $"The scenario failed.{Environment.NewLine}{run}");
        Assert.Empty(run.Events("pageerror"));
        run.SingleEvent("done");
        return run;
    }

    /// <summary>Waits for the scenario's line <paramref name="eventName"/>; fails at once if it reports an error instead.</summary>
    private static async Task<JsonElement> WaitForEventOrErrorAsync(NodeScript script, string eventName, TimeSpan? timeout = null)
    {
        var line = await script.WaitForLineAsync(
            l => l.Event() == eventName || l.Event() == "error", $"{{\"event\":\"{eventName}\"}}", timeout ?? TimeSpan.FromSeconds(60));
        Assert.True(line.Event() == eventName, $"The scenario failed: {line.GetRawText()}");
        return line;
    }

    private static string[] Strings(JsonElement line, string property) =>
        [.. line.GetProperty(property).EnumerateArray().Select(e => e.GetString()!)];

    private static List<ShownMessage> Messages(JsonElement line) =>
        [.. line.GetProperty("messages").EnumerateArray().Select(m => new ShownMessage(
            m.StringProperty("from"), m.StringProperty("text"), m.StringProperty("kind"), m.StringProperty("notice")))];

    /// <summary>A line of a page's message list: a message (from, text, kind) or a notice.</summary>
    private sealed record ShownMessage(string? From, string? Text, string? Kind, string? Notice);
}

/// <summary>Browser tests run on their own, after the others: Chromium with three pages is heavy for 2 cores.</summary>
[CollectionDefinition(nameof(BrowserTests), DisableParallelization = true)]
public sealed class BrowserTests;
