using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

namespace SocketIo.Server.Hosting;

/// <summary>
/// The Socket.IO server's health: whether it accepts connections, and whether every namespace's adapter reaches its
/// bus (<see cref="Adapters.Adapter.IsConnected"/>). Cheap: it reads flags and counts, never calls the bus.
/// </summary>
internal sealed class SocketIoHealthCheck(SocketIoServer server, IHostApplicationLifetime? lifetime, HealthStatus adapterFailureStatus) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (server.Endpoint is not { } endpoint)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy("Socket.IO is not mapped: call app.MapSocketIo()."));
        }

        if (lifetime is not null && lifetime.ApplicationStopping.IsCancellationRequested)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy("The host is stopping: Socket.IO connections are being closed."));
        }

        if (lifetime is not null && !lifetime.ApplicationStarted.IsCancellationRequested)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy("The host has not started yet: Socket.IO accepts no connection."));
        }

        var sockets = 0;
        var disconnected = new List<string>();
        foreach (var nsp in server.Namespaces.Values)
        {
            sockets += nsp.Sockets.Count;
            if (!nsp.Adapter.IsConnected)
            {
                disconnected.Add(nsp.Name);
            }
        }

        var data = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["connections"] = endpoint.ClientsCount,
            ["sockets"] = sockets,
        };
        if (disconnected.Count == 0)
        {
            return Task.FromResult(HealthCheckResult.Healthy("Socket.IO accepts connections.", data));
        }

        disconnected.Sort(StringComparer.Ordinal);
        data["disconnectedAdapters"] = disconnected;
        return Task.FromResult(new HealthCheckResult(
            adapterFailureStatus,
            $"The adapter of {string.Join(", ", disconnected)} cannot reach its bus: cluster-wide operations fail; this server still serves its own clients.",
            data: data));
    }
}
