using System.Net;
using System.Text;
using SocketIo.Engine;
using SocketIo.Server.Tests.Infrastructure;
using Xunit.Abstractions;

namespace SocketIo.Server.Tests.Engine;

/// <summary>Engine.IO v3 long-polling with raw requests: the length-prefixed framings, binary both ways, errors.</summary>
public sealed class Eio3PollingTests(ITestOutputHelper output)
{
    private static readonly byte[] HelloThenBinary = [0, 6, 0xFF, .. "4hello"u8, 1, 5, 0xFF, 4, 1, 2, 3, 4];

    [Fact]
    public async Task The_handshake_announces_the_v3_fields_and_polling_upgrades()
    {
        await using var client = await Eio3Client.StartAsync(output);
        var (sid, open, session) = await client.HandshakeAsync();
        Assert.Equal(20, sid.Length);
        Assert.Equal("""["websocket"]""", open.GetProperty("upgrades").GetRawText());
        Assert.Equal(60_000, open.GetProperty("pingInterval").GetInt32());
        Assert.Equal(200, open.GetProperty("pingTimeout").GetInt32());
        Assert.Equal("polling", session.Connection.Transport);
    }

    [Fact]
    public async Task Lengths_count_utf16_code_units_both_ways()
    {
        await using var client = await Eio3Client.StartAsync(output);
        var (sid, _, session) = await client.HandshakeAsync();

        // "4€" is 2 units (4 bytes); "4😀" is 3 units (a surrogate pair; 5 bytes).
        Assert.Equal((HttpStatusCode.OK, "ok"), await client.SendAsync(sid, "6:4hello2:4€3:4😀"));
        Assert.Equal((HttpStatusCode.OK, "6:4hello2:4€3:4😀"), await client.PollAsync(sid));
        Assert.Equal(["hello", "€", "😀"], session.Messages);
    }

    [Fact]
    public async Task A_length_counted_in_bytes_is_refused_and_closes_the_session()
    {
        await using var client = await Eio3Client.StartAsync(output);
        var (sid, _, session) = await client.HandshakeAsync();
        Assert.Equal(HttpStatusCode.BadRequest, (await client.SendAsync(sid, "4:4€")).Status);
        Assert.Equal(EngineCloseReasons.ParseError, await session.Closed.WaitAsync(TestTimeouts.Default));
        Assert.Equal((HttpStatusCode.BadRequest, """{"code":1,"message":"Session ID unknown"}"""), await client.PollAsync(sid));
        Assert.Empty(session.Messages);
    }

    [Fact]
    public async Task Without_b64_a_batch_holding_binary_is_sent_in_the_binary_framing()
    {
        await using var client = await Eio3Client.StartAsync(output);
        var (sid, _, session) = await client.HandshakeAsync();
        Assert.Equal((HttpStatusCode.OK, "ok"), await client.SendAsync(sid, "6:4hello10:b4AQIDBA=="));
        var (status, contentType, body) = await client.PollBytesAsync(sid);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("application/octet-stream", contentType);
        Assert.Equal(HelloThenBinary, body);
        Assert.Equal(["hello", "binary:01020304"], session.Messages);
    }

    [Fact]
    public async Task With_b64_at_the_handshake_binary_comes_as_base64_text_even_when_later_requests_omit_it()
    {
        await using var client = await Eio3Client.StartAsync(output);
        var (sid, _, _) = await client.HandshakeAsync("&b64=1");
        Assert.Equal((HttpStatusCode.OK, "ok"), await client.SendAsync(sid, "6:4hello10:b4AQIDBA=="));
        var (status, contentType, body) = await client.PollBytesAsync(sid);
        Assert.Equal((HttpStatusCode.OK, "text/plain; charset=UTF-8"), (status, contentType));
        Assert.Equal("6:4hello10:b4AQIDBA==", Encoding.UTF8.GetString(body));
    }

    [Fact]
    public async Task A_text_only_batch_stays_in_the_text_framing_without_b64()
    {
        await using var client = await Eio3Client.StartAsync(output);
        var (sid, _, _) = await client.HandshakeAsync();
        Assert.Equal((HttpStatusCode.OK, "ok"), await client.SendAsync(sid, "6:4hello"));
        var (_, contentType, body) = await client.PollBytesAsync(sid);
        Assert.Equal("text/plain; charset=UTF-8", contentType);
        Assert.Equal("6:4hello", Encoding.UTF8.GetString(body));
    }

    [Fact]
    public async Task An_octet_stream_post_is_read_in_the_binary_framing()
    {
        await using var client = await Eio3Client.StartAsync(output);
        var (sid, _, session) = await client.HandshakeAsync();
        Assert.Equal((HttpStatusCode.OK, "ok"), await client.PostAsync(sid, HelloThenBinary, "application/octet-stream"));
        Assert.Equal(["hello", "binary:01020304"], session.Messages);
        Assert.Equal(HelloThenBinary, (await client.PollBytesAsync(sid)).Body);
    }

    [Theory]
    [InlineData("abc", "text/plain; charset=UTF-8")] // no length
    [InlineData("4hello", "text/plain; charset=UTF-8")] // no colon after the length
    [InlineData("6:4hi", "text/plain; charset=UTF-8")] // shorter than its length
    [InlineData("2:xy", "text/plain; charset=UTF-8")] // not a packet type
    [InlineData("6:b4@@@@", "text/plain; charset=UTF-8")] // not base64
    [InlineData("\u0002\u0006\u00FF4hello", "application/octet-stream")] // marker 2: neither string nor binary
    [InlineData("\u0001\u0002\u00FF3x", "application/octet-stream")] // a binary packet that is not a message
    public async Task A_malformed_payload_is_refused_and_closes_the_session(string body, string contentType)
    {
        await using var client = await Eio3Client.StartAsync(output);
        var (sid, _, session) = await client.HandshakeAsync();
        var bytes = contentType == "application/octet-stream"
            ? Encoding.Latin1.GetBytes(System.Text.RegularExpressions.Regex.Unescape(body))
            : Encoding.UTF8.GetBytes(body);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsync(sid, bytes, contentType)).Status);
        Assert.Equal(EngineCloseReasons.ParseError, await session.Closed.WaitAsync(TestTimeouts.Default));
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PollAsync(sid)).Status);
        Assert.Empty(session.Messages);
    }

    [Fact]
    public async Task An_oversize_post_gets_413_and_the_session_survives()
    {
        await using var client = await Eio3Client.StartAsync(output, o => o.MaxHttpBufferSize = 100);
        var (sid, _, session) = await client.HandshakeAsync();
        var big = "101:4" + new string('x', 100);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, (await client.SendAsync(sid, big)).Status);
        Assert.Equal((HttpStatusCode.OK, "ok"), await client.SendAsync(sid, "6:4hello"));
        Assert.Equal((HttpStatusCode.OK, "6:4hello"), await client.PollAsync(sid));
        Assert.True(session.Connection.IsOpen);
    }

    [Fact]
    public async Task A_client_close_releases_the_pending_get_with_a_framed_noop()
    {
        await using var client = await Eio3Client.StartAsync(output);
        var (sid, _, session) = await client.HandshakeAsync();
        var pending = client.PollAsync(sid);
        await client.Server.WaitForPendingGetAsync(sid);
        Assert.Equal((HttpStatusCode.OK, "ok"), await client.SendAsync(sid, "1:1"));
        Assert.Equal((HttpStatusCode.OK, "1:6"), await pending);
        Assert.Equal(EngineCloseReasons.TransportClose, await session.Closed.WaitAsync(TestTimeouts.Default));
        Assert.Equal((HttpStatusCode.BadRequest, """{"code":1,"message":"Session ID unknown"}"""), await client.PollAsync(sid));
    }

    [Fact]
    public async Task A_second_get_closes_the_session_and_the_first_gets_a_framed_close()
    {
        await using var client = await Eio3Client.StartAsync(output);
        var (sid, _, session) = await client.HandshakeAsync();
        var pending = client.PollAsync(sid);
        await client.Server.WaitForPendingGetAsync(sid);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PollAsync(sid)).Status);
        Assert.Equal((HttpStatusCode.OK, "1:1"), await pending);
        Assert.Equal(EngineCloseReasons.TransportError, await session.Closed.WaitAsync(TestTimeouts.Default));
    }
}
