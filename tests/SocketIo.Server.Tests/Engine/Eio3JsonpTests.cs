using System.Net;
using System.Text;
using System.Text.Json;
using SocketIo.Server.Tests.Infrastructure;
using Xunit.Abstractions;

namespace SocketIo.Server.Tests.Engine;

/// <summary>
/// Engine.IO v3 JSONP polling (<c>j</c> at the handshake): GETs answer a script calling <c>___eio[j]</c> with the
/// text-framed payload, POSTs carry it in the form field <c>d</c>.
/// </summary>
public sealed class Eio3JsonpTests(ITestOutputHelper output)
{
    /// <summary>Reads <c>___eio[&lt;index&gt;]("…");</c>: the index and the payload the script passes.</summary>
    private static (string Index, string Payload) ParseScript(string script)
    {
        Assert.StartsWith("___eio[", script, StringComparison.Ordinal);
        Assert.EndsWith(");", script, StringComparison.Ordinal);
        var close = script.IndexOf("](", StringComparison.Ordinal);
        var literal = script[(close + 2)..^2];
        return (script[7..close], JsonSerializer.Deserialize<string>(literal)!);
    }

    private static async Task<(string Sid, RecordingHandler.Session Session)> OpenAsync(Eio3Client client, string j)
    {
        using var response = await client.GetAsync("transport=polling&j=" + j);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain; charset=UTF-8", response.Content.Headers.ContentType?.ToString());
        var (_, payload) = ParseScript(await response.Content.ReadAsStringAsync());
        var colon = payload.IndexOf(':', StringComparison.Ordinal);
        Assert.Equal(payload.Length - colon - 1, int.Parse(payload[..colon], System.Globalization.CultureInfo.InvariantCulture));
        using var open = JsonDocument.Parse(payload[(colon + 2)..]);
        return (open.RootElement.GetProperty("sid").GetString()!, await client.Server.Handler.NextSessionAsync());
    }

    private static Task<(HttpStatusCode Status, string Body)> PostFormAsync(Eio3Client client, string sid, string form)
        => client.PostAsync(sid, Encoding.UTF8.GetBytes(form), "application/x-www-form-urlencoded", "&j=0");

    [Fact]
    public async Task The_handshake_is_a_script_holding_the_framed_open_packet()
    {
        await using var client = await Eio3Client.StartAsync(output);
        using var response = await client.GetAsync("transport=polling&j=1x2");
        var (index, payload) = ParseScript(await response.Content.ReadAsStringAsync());

        // Only the digits of j reach the script.
        Assert.Equal("12", index);
        Assert.Matches("^[0-9]+:0\\{\"sid\":", payload);
    }

    [Fact]
    public async Task A_form_post_is_delivered_and_the_echo_comes_back_in_a_script()
    {
        await using var client = await Eio3Client.StartAsync(output);
        var (sid, session) = await OpenAsync(client, "3");
        Assert.Equal((HttpStatusCode.OK, "ok"), await PostFormAsync(client, sid, "d=" + Uri.EscapeDataString("6:4hello2:4€")));
        var (status, body) = await client.PollAsync(sid, "&j=3");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(("3", "6:4hello2:4€"), ParseScript(body));
        Assert.Equal(["hello", "€"], session.Messages);
    }

    [Fact]
    public async Task Binary_reaches_a_jsonp_session_as_base64_inside_the_script()
    {
        await using var client = await Eio3Client.StartAsync(output);
        var (sid, session) = await OpenAsync(client, "0");
        Assert.Equal((HttpStatusCode.OK, "ok"), await PostFormAsync(client, sid, "d=" + Uri.EscapeDataString("10:b4AQIDBA==")));
        Assert.Equal(("0", "10:b4AQIDBA=="), ParseScript((await client.PollAsync(sid)).Body));
        Assert.Equal(["binary:01020304"], session.Messages);
    }

    [Fact]
    public async Task Escaped_newlines_are_restored()
    {
        // The client frames first, then writes a newline as \n and a backslash-n as \\n; lengths are of the original.
        await using var client = await Eio3Client.StartAsync(output);
        var (sid, session) = await OpenAsync(client, "0");
        Assert.Equal((HttpStatusCode.OK, "ok"), await PostFormAsync(client, sid, "d=" + Uri.EscapeDataString("4:4a\\nb")));
        Assert.Equal((HttpStatusCode.OK, "ok"), await PostFormAsync(client, sid, "d=" + Uri.EscapeDataString("5:4a\\\\nb")));
        Assert.Equal(["a\nb", "a\\nb"], session.Messages);
    }

    [Fact]
    public async Task A_form_without_d_is_answered_ok_and_delivers_nothing()
    {
        await using var client = await Eio3Client.StartAsync(output);
        var (sid, session) = await OpenAsync(client, "0");
        Assert.Equal((HttpStatusCode.OK, "ok"), await PostFormAsync(client, sid, "x=" + Uri.EscapeDataString("6:4first")));
        Assert.Equal((HttpStatusCode.OK, "ok"), await PostFormAsync(client, sid, "d=" + Uri.EscapeDataString("7:4second")));
        Assert.Equal(["second"], session.Messages);
        Assert.True(session.Connection.IsOpen);
    }
}
