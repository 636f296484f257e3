using System.Collections.Concurrent;
using SocketIo.Engine;

namespace SocketIo.AdminUI.Internal;

/// <summary>
/// Wraps the server's Engine.IO handler to see every session: it keeps the open ones (the UI's client counts, by
/// transport) and, while somebody watches, counts connections, disconnections, messages and bytes.
/// </summary>
internal sealed class EngineTraffic(IEngineIoHandler inner, AdminPresence presence) : IEngineIoHandler
{
    /// <summary>The open sessions (a set: the value is unused).</summary>
    private readonly ConcurrentDictionary<TrafficConnection, byte> _open = new();

    public TrafficCounters Counters { get; } = new();

    public AdminPresence Presence => presence;

    /// <summary>Gets how many sessions are open.</summary>
    public int ClientsCount => _open.Count;

    /// <summary>Gets how many open sessions are on HTTP long-polling (not upgraded).</summary>
    public int PollingClientsCount => _open.Keys.Count(static c => c.Transport == "polling");

    public IEngineIoSessionHandler OnOpened(IEngineIoConnection connection)
    {
        var tracked = new TrafficConnection(connection, this);
        _open[tracked] = 0;
        if (presence.Active)
        {
            Counters.Connected();
        }

        try
        {
            return new TrafficSession(inner.OnOpened(tracked), tracked, this);
        }
        catch
        {
            _open.TryRemove(tracked, out _);
            throw;
        }
    }

    /// <summary>A session closed: it is no longer counted as open.</summary>
    public void OnClosed(TrafficConnection connection, string reason)
    {
        _open.TryRemove(connection, out _);
        if (presence.Active)
        {
            Counters.Disconnected(reason);
        }
    }
}
