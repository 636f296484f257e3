namespace SocketIo.Adapters.Diagnostics;

/// <summary>
/// Implemented by a host whose namespace is recorded in metrics under another name than its own: the server records the
/// children of a dynamic namespace under their parent, so that one series per child cannot pile up.
/// </summary>
public interface IMetricsNamespace
{
    /// <summary>Gets the name the namespace is recorded under.</summary>
    string MetricsNamespace { get; }
}
