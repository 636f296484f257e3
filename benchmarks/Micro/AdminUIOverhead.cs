using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SocketIo.AdminUI;
using SocketIo.AdminUI.Internal;
using SocketIo.Engine;
using SocketIo.Server;

namespace SocketIo.Benchmarks.Micro;

/// <summary>
/// What the Admin UI's instrumentation costs while no admin is connected: three servers in one process (none,
/// development mode, production mode), each with the same clients on discarding connections, measured in turns, round
/// after round, on two operations: an incoming event answered with an acknowledgement (the echo), and a broadcast to
/// every client. Turns interleave so that the machine's changing load falls on all three alike; the report gives
/// medians per operation and the median of each mode's ratio to "none" within the same round.
/// Arguments: [rounds (60)] [clients (100)].
/// </summary>
internal static class AdminUIOverhead
{
    private static readonly byte[] Echo = Encoding.UTF8.GetBytes("21[\"echo\",{\"seq\":1,\"text\":\"" + new string('x', 80) + "\"}]");

    public static async Task RunAsync(string[] args)
    {
        var rounds = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 60;
        var clients = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 100;
        var payload = JsonDocument.Parse("{\"text\":\"" + new string('y', 90) + "\"}").RootElement.Clone();
        Subject[] subjects = [await Subject.CreateAsync("none", null, clients), await Subject.CreateAsync("development", AdminUIMode.Development, clients), await Subject.CreateAsync("production", AdminUIMode.Production, clients)];

        var echo = subjects.ToDictionary(s => s.Name, _ => new List<double>());
        var broadcast = subjects.ToDictionary(s => s.Name, _ => new List<double>());
        const int warmup = 10;
        for (var round = 0; round < warmup + rounds; round++)
        {
            foreach (var subject in round % 2 == 0 ? subjects : subjects.Reverse())
            {
                var echoNs = await subject.EchoAsync(20);
                var broadcastNs = await subject.BroadcastAsync(20, payload);
                if (round >= warmup)
                {
                    echo[subject.Name].Add(echoNs);
                    broadcast[subject.Name].Add(broadcastNs);
                }
            }
        }

        Console.WriteLine($"rounds {rounds}, clients {clients}; ns per operation (median), and the median ratio to none within a round");
        Report("echo (one event in, its ack out)", echo);
        Report($"broadcast delivery (one of {clients})", broadcast);
        foreach (var subject in subjects)
        {
            await subject.DisposeAsync();
        }
    }

    private static void Report(string operation, Dictionary<string, List<double>> samples)
    {
        var none = samples["none"];
        foreach (var (name, values) in samples)
        {
            var ratios = values.Select((v, i) => v / none[i]).ToList();
            Console.WriteLine($"{operation,-36} {name,-12} {Median(values),8:F0} ns   ×{Median(ratios):F3}");
        }
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    /// <summary>One server, its clients, and (but for "none") the Admin UI's instrumentation with nobody logged in.</summary>
    private sealed class Subject : IAsyncDisposable
    {
        private readonly SocketIoServer _io;
        private readonly AdminInstrumentation? _instrumentation;
        private readonly List<(DiscardingConnection Connection, IEngineIoSessionHandler Client)> _clients = [];

        private Subject(string name, SocketIoServer io, AdminInstrumentation? instrumentation)
        {
            Name = name;
            _io = io;
            _instrumentation = instrumentation;
        }

        public string Name { get; }

        public static async Task<Subject> CreateAsync(string name, AdminUIMode? mode, int clients)
        {
            var io = new SocketIoServer(Options.Create(new SocketIoOptions()), NullLoggerFactory.Instance);
            io.OnConnection(socket => socket.On("echo", (JsonElement message) => message));
            AdminInstrumentation? instrumentation = null;
            if (mode is { } value)
            {
                var settings = new AdminSettings(new AdminUIOptions { AllowAnonymous = true }, value, "bench");
                instrumentation = new AdminInstrumentation(io, settings, TimeProvider.System, NullLogger.Instance);
                instrumentation.Start();
            }

            var subject = new Subject(name, io, instrumentation);
            for (var i = 0; i < clients; i++)
            {
                var connection = new DiscardingConnection($"{name}-{i}");
                var client = io.EndpointHandler.OnOpened(connection);
                await client.OnTextMessageAsync(Encoding.UTF8.GetBytes("0"));
                subject._clients.Add((connection, client));
            }

            return subject;
        }

        /// <summary>Each client sends <paramref name="perClient"/> echoes; returns ns per echo.</summary>
        public async Task<double> EchoAsync(int perClient)
        {
            var before = Frames();
            var watch = Stopwatch.StartNew();
            for (var n = 0; n < perClient; n++)
            {
                foreach (var (_, client) in _clients)
                {
                    await client.OnTextMessageAsync(Echo);
                }
            }

            // Handlers run after the packet is handed over (not awaited by the client): the turn ends with the last ack.
            var operations = perClient * _clients.Count;
            await WaitForFramesAsync(before + operations, "echo acknowledgements");
            watch.Stop();
            return watch.Elapsed.TotalNanoseconds / operations;
        }

        /// <summary>Broadcasts <paramref name="count"/> events to every client; returns ns per delivery.</summary>
        public async Task<double> BroadcastAsync(int count, JsonElement payload)
        {
            var before = Frames();
            var watch = Stopwatch.StartNew();
            for (var n = 0; n < count; n++)
            {
                await _io.EmitAsync("msg", payload);
            }

            var operations = count * _clients.Count;
            await WaitForFramesAsync(before + operations, "broadcast deliveries");
            watch.Stop();
            return watch.Elapsed.TotalNanoseconds / operations;
        }

        public async ValueTask DisposeAsync()
        {
            if (_instrumentation is not null)
            {
                await _instrumentation.DisposeAsync();
            }
        }

        private long Frames() => _clients.Sum(c => c.Connection.Frames);

        /// <summary>Waits, at most 10 seconds, until <paramref name="expected"/> frames were sent in all.</summary>
        private async Task WaitForFramesAsync(long expected, string what)
        {
            var deadline = Stopwatch.StartNew();
            while (Frames() < expected)
            {
                if (deadline.Elapsed > TimeSpan.FromSeconds(10))
                {
                    throw new InvalidOperationException($"{Name}: not every one of the {what} was sent.");
                }

                await Task.Yield();
            }
        }
    }
}
