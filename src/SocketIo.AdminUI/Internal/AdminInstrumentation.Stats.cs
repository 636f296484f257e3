using System.Diagnostics;
using SocketIo.Server;

namespace SocketIo.AdminUI.Internal;

/// <summary>
/// The stats round, every <see cref="AdminUIOptions.StatsInterval"/> on a timer of its own (never the server's timer
/// loop): <c>server_stats</c> with this server's id, host, process, uptime, Engine.IO clients (and how many poll),
/// the traffic counts since the last round as aggregated events, and each namespace's socket count; then, in
/// development mode, <c>socket_updated</c> for the sockets that changed. While nobody watches, a round only resets
/// the counts.
/// </summary>
internal sealed partial class AdminInstrumentation
{
    private static readonly DateTime ProcessStart = GetProcessStart();

    private async Task RunStatsAsync(CancellationToken stopping)
    {
        using var timer = new PeriodicTimer(_settings.Options.StatsInterval, _time);
        try
        {
            do
            {
                try
                {
                    RunStatsRound();
                }
#pragma warning disable CA1031 // One failed round (a user's data that throws while read, say) must not end the stats.
                catch (Exception e)
#pragma warning restore CA1031
                {
                    AdminLog.StatsFailed(_logger, e);
                }
            }
            while (await timer.WaitForNextTickAsync(stopping).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // The host stops.
        }
    }

    private void RunStatsRound()
    {
        var traffic = _traffic!;
        var counts = traffic.Counters.Take();
        if (!_presence.Active)
        {
            _lastSeen.Clear();
            return;
        }

        var now = _time.GetUtcNow();
        var second = now.ToUnixTimeMilliseconds() / 1000 * 1000;
        Notify(AdminProtocol.ServerStats, SocketViews.Write(writer =>
        {
            writer.WriteString("serverId", _settings.ServerId);
            writer.WriteString("hostname", Environment.MachineName);
            writer.WriteNumber("pid", Environment.ProcessId);
            writer.WriteNumber("uptime", Math.Round((DateTime.UtcNow - ProcessStart).TotalSeconds, 3));
            writer.WriteNumber("clientsCount", traffic.ClientsCount);
            writer.WriteNumber("pollingClientsCount", traffic.PollingClientsCount);
            writer.WriteStartArray("aggregatedEvents");
            foreach (var (type, subType, count) in counts)
            {
                writer.WriteStartObject();
                writer.WriteNumber("timestamp", second);
                writer.WriteString("type", type);
                if (subType is not null)
                {
                    writer.WriteString("subType", subType);
                }

                writer.WriteNumber("count", count);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteStartArray("namespaces");
            foreach (Namespace nsp in _io.Namespaces.Values)
            {
                writer.WriteStartObject();
                writer.WriteString("name", nsp.Name);
                writer.WriteNumber("socketsCount", nsp.Sockets.Count);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }));

        if (_settings.IsDevelopment)
        {
            SendSocketUpdates();
        }
    }

    private static DateTime GetProcessStart()
    {
        using var process = Process.GetCurrentProcess();
        return process.StartTime.ToUniversalTime();
    }
}
