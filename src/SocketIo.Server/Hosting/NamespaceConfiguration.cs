namespace SocketIo.Server.Hosting;

/// <summary>A namespace's configuration registered with the services, applied when the server is created.</summary>
internal sealed class NamespaceConfiguration(string name, Action<Namespace, IServiceProvider> configure)
{
    public string Name { get; } = name;

    public Action<Namespace, IServiceProvider> Configure { get; } = configure;
}
