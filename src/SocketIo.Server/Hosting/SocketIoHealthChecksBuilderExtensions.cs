using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using SocketIo.Server.Hosting;

namespace SocketIo.Server;

/// <summary>Adds the Socket.IO server's health check.</summary>
public static class SocketIoHealthChecksBuilderExtensions
{
    /// <summary>
    /// Adds a health check of the Socket.IO server: healthy when it accepts connections (mapped with
    /// <c>MapSocketIo()</c>, the host started and not stopping) and every namespace's adapter reaches its bus;
    /// <paramref name="adapterFailureStatus"/> while a cluster adapter cannot reach it (Redis unreachable: this server
    /// still serves its own clients, cluster-wide operations fail); unhealthy when it does not accept connections. Its
    /// data: the open connections, the connected sockets and the namespaces whose adapter is disconnected. Expose it
    /// with <c>app.MapHealthChecks("/healthz")</c>.
    /// </summary>
    /// <param name="builder">The health checks builder (<c>builder.Services.AddHealthChecks()</c>).</param>
    /// <param name="name">The check's name. The default is <c>socketio</c>.</param>
    /// <param name="adapterFailureStatus">The status while an adapter is disconnected. The default is <see cref="HealthStatus.Degraded"/>.</param>
    /// <param name="tags">Tags to filter checks by (e.g. <c>ready</c>).</param>
    /// <returns>The builder.</returns>
    public static IHealthChecksBuilder AddSocketIo(
        this IHealthChecksBuilder builder,
        string name = "socketio",
        HealthStatus adapterFailureStatus = HealthStatus.Degraded,
        IEnumerable<string>? tags = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(name);
        return builder.Add(new HealthCheckRegistration(
            name,
            services => new SocketIoHealthCheck(
                services.GetService<SocketIoServer>() ?? throw new InvalidOperationException(
                    "The Socket.IO health check needs the Socket.IO services: call 'builder.Services.AddSocketIo()'."),
                services.GetService<IHostApplicationLifetime>(),
                adapterFailureStatus),
            failureStatus: HealthStatus.Unhealthy,
            tags));
    }
}
