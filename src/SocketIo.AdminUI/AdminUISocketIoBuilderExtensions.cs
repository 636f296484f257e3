using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using SocketIo.Adapters;
using SocketIo.AdminUI;
using SocketIo.AdminUI.Hosting;

namespace SocketIo.Server;

/// <summary>Adds the Admin UI's server side to the Socket.IO server.</summary>
public static class AdminUISocketIoBuilderExtensions
{
    /// <summary>
    /// Serves the official Socket.IO Admin UI (<c>@socket.io/admin-ui</c> 0.5.1) on an admin namespace: the UI logs in
    /// there, sees every namespace's sockets, rooms and events (every node's, with a cluster adapter) and can join,
    /// leave, disconnect and emit unless <see cref="AdminUIOptions.ReadOnly"/>. The instrumentation starts with the
    /// host and sees sockets and handlers registered before or after this call. The UI itself is static files: serve
    /// the npm package's <c>ui/dist</c> folder, or use the hosted one (see docs/operations.md).
    /// </summary>
    /// <param name="builder">The builder <c>AddSocketIo()</c> returned.</param>
    /// <param name="configure">Sets the credentials (or <see cref="AdminUIOptions.AllowAnonymous"/>) and the other options.</param>
    /// <returns>The builder.</returns>
    public static ISocketIoBuilder AddAdminUI(this ISocketIoBuilder builder, Action<AdminUIOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        builder.Services.AddOptions<AdminUIOptions>().Configure(configure).ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AdminUIOptions>, AdminUIOptionsValidator>());
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, AdminUIHostedService>());
        return builder;
    }
}
