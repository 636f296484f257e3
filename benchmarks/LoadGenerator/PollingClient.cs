using System.Net.Http.Headers;
using System.Text;

namespace LoadGenerator;

/// <summary>
/// One Engine.IO v4 / Socket.IO v5 client over HTTP long-polling. Phases: handshake GET (the open packet gives the
/// sid), POST <c>40</c>, GETs until <c>40{…}</c>; then a GET loop that splits each payload on the record separator
/// (<c>\x1e</c>), answers pings with a POST <c>3</c>, and hands every other packet to the scenario. One POST at a time.
/// </summary>
internal sealed class PollingClient
{
    private static readonly MediaTypeHeaderValue TextPlain = new("text/plain") { CharSet = "UTF-8" };

    private readonly HttpClient _http;
    private readonly string _url;

    /// <summary>The POST in flight, awaited before the next one: Engine.IO allows one POST at a time.</summary>
    private Task _post = Task.CompletedTask;

    private PollingClient(HttpClient http, string url)
    {
        _http = http;
        _url = url;
    }

    public long Counter { get; set; }

    public long Stamp { get; set; }

    public static async Task<PollingClient> ConnectAsync(HttpClient http, Uri pollingUri, CancellationToken cancellationToken)
    {
        var open = await http.GetStringAsync(pollingUri, cancellationToken);
        var at = open.IndexOf("\"sid\":\"", StringComparison.Ordinal);
        if (!open.StartsWith('0') || at < 0)
        {
            throw new InvalidOperationException("expected the open packet, got " + open);
        }

        var sid = open[(at + 7)..open.IndexOf('"', at + 7)];
        var client = new PollingClient(http, $"{pollingUri}&sid={Uri.EscapeDataString(sid)}");
        await client.PostAsync("40", cancellationToken);
        for (var i = 0; i < 10; i++)
        {
            foreach (var packet in await client.GetAsync(cancellationToken))
            {
                if (packet.StartsWith("40", StringComparison.Ordinal))
                {
                    return client;
                }
            }
        }

        throw new InvalidOperationException("no CONNECT reply");
    }

    /// <summary>Sends one packet (after the previous POST finished) and waits for it.</summary>
    public Task PostAsync(string packet, CancellationToken cancellationToken)
    {
        _post = ChainAsync(_post, packet, cancellationToken);
        return _post;
    }

    /// <summary>Queues one packet behind the POST in flight without waiting, as the real client does.</summary>
    public void Post(string packet, CancellationToken cancellationToken)
    {
        _post = ChainQuietlyAsync(_post, packet, cancellationToken);
    }

    private async Task ChainAsync(Task previous, string packet, CancellationToken cancellationToken)
    {
        await previous;
        await PostOnceAsync(packet, cancellationToken);
    }

    private async Task ChainQuietlyAsync(Task previous, string packet, CancellationToken cancellationToken)
    {
        try
        {
            await ChainAsync(previous, packet, cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException)
        {
            // The GET loop notices a closed session.
        }
    }

    private async Task PostOnceAsync(string packet, CancellationToken cancellationToken)
    {
        using var content = new ByteArrayContent(Encoding.UTF8.GetBytes(packet));
        content.Headers.ContentType = TextPlain;
        using var response = await _http.PostAsync(new Uri(_url), content, cancellationToken);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Long-polls until the session closes or <paramref name="cancellationToken"/> fires.</summary>
    public async Task RunAsync(Action<PollingClient, string> onPacket, CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                foreach (var packet in await GetAsync(cancellationToken))
                {
                    switch (packet)
                    {
                        case "2":
                            Post("3", cancellationToken);
                            break;
                        case "1":
                            return;
                        default:
                            onPacket(this, packet);
                            break;
                    }
                }
            }
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException)
        {
            // Closed by either side.
        }
    }

    private async Task<string[]> GetAsync(CancellationToken cancellationToken)
    {
        var payload = await _http.GetStringAsync(new Uri(_url), cancellationToken);
        return payload.Split('\x1e');
    }
}
