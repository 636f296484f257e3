using System.Globalization;

namespace LoadGenerator;

/// <summary>Command-line settings: <c>--name value</c> pairs; every loop the scenarios run is bounded by these.</summary>
internal sealed class Settings
{
    public string Scenario { get; private init; } = "echo";

    /// <summary>The server's base address, e.g. <c>http://127.0.0.1:7357</c>.</summary>
    public Uri Server { get; private init; } = new("http://127.0.0.1:7357");

    /// <summary>A label for the results (<c>ours</c>, <c>node</c>).</summary>
    public string Label { get; private init; } = "server";

    /// <summary>
    /// A second server of the same cluster (the two-node broadcast): half of the receivers connect to it, and the
    /// sender stays on <see cref="Server"/>. <see langword="null"/> for one server.
    /// </summary>
    public Uri? Server2 { get; private init; }

    /// <summary>The servers' process ids (comma-separated on the command line), for CPU and RSS; none to skip those figures.</summary>
    public int[] ServerPids { get; private init; } = [];

    public int Clients { get; private init; } = 200;

    /// <summary>New connections per second while opening clients.</summary>
    public int Rate { get; private init; } = 500;

    /// <summary>Most handshakes in flight at once while opening clients.</summary>
    public int MaxPending { get; private init; } = 64;

    public double WarmupSeconds { get; private init; } = 3;

    public double DurationSeconds { get; private init; } = 10;

    /// <summary>Seconds the connections scenario holds the clients before reading RSS.</summary>
    public double HoldSeconds { get; private init; } = 5;

    /// <summary>The payload string's length in characters (the whole frame is a little longer).</summary>
    public int PayloadLength { get; private init; } = 100;

    /// <summary>Broadcasts in flight: the sender waits until all but this many have been delivered.</summary>
    public int Window { get; private init; } = 4;

    public static Settings Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal))
            {
                throw new ArgumentException($"expected --name value, got '{args[i]}'");
            }

            values[args[i][2..]] = args[i + 1];
        }

        string Get(string name, string fallback) => values.TryGetValue(name, out var v) ? v : fallback;
        int Int(string name, int fallback) => int.Parse(Get(name, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);
        double Dbl(string name, double fallback) => double.Parse(Get(name, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);

        var settings = new Settings
        {
            Scenario = Get("scenario", "echo"),
            Server = new Uri(Get("server", "http://127.0.0.1:7357")),
            Label = Get("label", "server"),
            Server2 = values.TryGetValue("server2", out var second) ? new Uri(second) : null,
            ServerPids = [.. Get("server-pid", "").Split(',', StringSplitOptions.RemoveEmptyEntries).Select(p => int.Parse(p, CultureInfo.InvariantCulture)).Where(p => p > 0)],
            Clients = Int("clients", 200),
            Rate = Int("rate", 500),
            MaxPending = Int("max-pending", 64),
            WarmupSeconds = Dbl("warmup", 3),
            DurationSeconds = Dbl("duration", 10),
            HoldSeconds = Dbl("hold", 5),
            PayloadLength = Int("payload", 100),
            Window = Int("window", 4),
        };
        if (settings.Clients is < 1 or > 20_000 || settings.Rate < 1 || settings.DurationSeconds is <= 0 or > 600)
        {
            throw new ArgumentException("clients must be 1..20000, rate >= 1, duration 0..600 s");
        }

        return settings;
    }

    public Uri WebSocketUri => new($"ws://{Server.Authority}/socket.io/?EIO=4&transport=websocket");

    /// <summary>These settings with <see cref="Server2"/> as the server clients connect to.</summary>
    public Settings OnSecondServer() => new()
    {
        Scenario = Scenario, Server = Server2 ?? Server, Label = Label, ServerPids = ServerPids, Clients = Clients, Rate = Rate,
        MaxPending = MaxPending, WarmupSeconds = WarmupSeconds, DurationSeconds = DurationSeconds, HoldSeconds = HoldSeconds,
        PayloadLength = PayloadLength, Window = Window,
    };

    public Uri PollingUri => new($"http://{Server.Authority}/socket.io/?EIO=4&transport=polling");
}
