using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SocketIo.AdminUI.Internal;
using SocketIo.Server;

namespace SocketIo.AdminUI.Hosting;

/// <summary>Instruments the server when the host starts (before it serves) and stops the stats when it stops.</summary>
internal sealed class AdminUIHostedService(
    SocketIoServer io,
    IOptions<AdminUIOptions> options,
    IOptions<SocketIoOptions> serverOptions,
    IHostEnvironment environment,
    ILoggerFactory loggerFactory) : IHostedService, IAsyncDisposable
{
    private AdminInstrumentation? _instrumentation;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var value = options.Value;
        var settings = new AdminSettings(
            value,
            value.Mode ?? (environment.IsDevelopment() ? AdminUIMode.Development : AdminUIMode.Production),
            value.ServerId ?? $"{Environment.MachineName}#{Environment.ProcessId}");
        _instrumentation = new AdminInstrumentation(io, settings, serverOptions.Value.TimeProvider, loggerFactory.CreateLogger<AdminInstrumentation>());
        _instrumentation.Start();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
        => _instrumentation is null ? Task.CompletedTask : _instrumentation.StopAsync().WaitAsync(cancellationToken);

    public ValueTask DisposeAsync() => _instrumentation?.DisposeAsync() ?? ValueTask.CompletedTask;
}
