using System.Text.Json;
using SocketIo.Server;

namespace SocketIo.AdminUI.Internal;

/// <summary>
/// Development mode: every namespace's sockets as they connect, change and disconnect, the rooms they join and leave
/// and the events they receive and send (not the admin namespace's own events, which would echo forever). Each
/// namespace is hooked once, when it is created or when the instrumentation starts, whichever is later; its
/// connection hook runs before the application's handlers, so their emits and joins are seen.
/// </summary>
internal sealed partial class AdminInstrumentation
{
    private void Instrument(Namespace nsp)
    {
        if (!_instrumented.TryAdd(nsp, nsp))
        {
            return;
        }

        var name = nsp.Name;
        nsp.PrependConnection(socket => OnSocketConnected(nsp, socket));
        nsp.Adapter.SocketJoined += (room, id) => Notify(AdminProtocol.RoomJoined, name, room, id, Now());
        nsp.Adapter.SocketLeft += (room, id) => Notify(AdminProtocol.RoomLeft, name, room, id, Now());
    }

    private void OnSocketConnected(Namespace nsp, Socket socket)
    {
        if (_presence.Clustered)
        {
            // Other nodes describe this socket from its data: the entry tells their UI its connection and transport.
            socket.Data[AdminProtocol.DataKey] = new AdminSocketInfo(socket);
        }

        var name = nsp.Name;
        if (!ReferenceEquals(nsp, _admin))
        {
            socket.OnAny((eventName, args) =>
            {
                if (_presence.Active)
                {
                    var values = new object?[args.Count + 1];
                    values[0] = eventName;
                    for (var i = 0; i < args.Count; i++)
                    {
                        values[i + 1] = args[i];
                    }

                    Notify(AdminProtocol.EventReceived, name, socket.Id, values, Now());
                }
            });
            socket.OnAnyOutgoing((eventName, args) =>
            {
                if (_presence.Active)
                {
                    Notify(AdminProtocol.EventSent, name, socket.Id, (object?[])[eventName, .. args], Now());
                }
            });
        }

        socket.OnDisconnect(reason =>
        {
            _lastSeen.TryRemove(socket, out _);
            Notify(AdminProtocol.SocketDisconnected, name, socket.Id, reason, Now());
        });

        if (_presence.Active)
        {
            var view = SocketViews.Describe(socket);
            Remember(socket, view);
            Notify(AdminProtocol.SocketConnected, view, Now());
        }
    }

    /// <summary>Every socket of every namespace (every node's, through the adapters), for a UI that just connected.</summary>
    private async Task SendAllSocketsAsync(Socket admin)
    {
        try
        {
            var namespaces = _io.Namespaces.Values.ToArray();
            var fetched = await Task.WhenAll(namespaces.Select(n => n.FetchSocketsAsync(admin.Disconnected))).ConfigureAwait(false);
            var views = new List<JsonElement>();
            for (var i = 0; i < namespaces.Length; i++)
            {
                foreach (var socket in fetched[i])
                {
                    if (socket.Local is { } local)
                    {
                        var view = SocketViews.Describe(local, socket.Rooms);
                        Remember(local, view);
                        views.Add(view);
                    }
                    else
                    {
                        views.Add(SocketViews.Describe(socket, namespaces[i].Name));
                    }
                }
            }

            admin.Emit(AdminProtocol.AllSockets, views);
        }
        catch (OperationCanceledException) when (admin.Disconnected.IsCancellationRequested)
        {
            // The UI left before the list was complete.
        }
#pragma warning disable CA1031 // A fetch that fails (a node that does not answer) is logged; the UI still gets live events.
        catch (Exception e)
#pragma warning restore CA1031
        {
            AdminLog.AllSocketsFailed(_logger, admin.Id, e);
        }
    }

    /// <summary>
    /// Sends <c>socket_updated</c> for each local socket whose transport (after an upgrade) or data changed since the
    /// UI last saw it; called by the stats loop while somebody watches.
    /// </summary>
    private void SendSocketUpdates()
    {
        foreach (var nsp in _io.Namespaces.Values)
        {
            foreach (var socket in nsp.Sockets.Values)
            {
                var transport = socket.Transport;
                var data = DataOf(socket);
                var seen = Seen(transport, data);
                if (!_lastSeen.TryGetValue(socket, out var last))
                {
                    _lastSeen[socket] = seen;
                }
                else if (last != seen)
                {
                    _lastSeen[socket] = seen;
                    Notify(AdminProtocol.SocketUpdated, new Dictionary<string, object?>
                    {
                        ["id"] = socket.Id,
                        ["nsp"] = nsp.Name,
                        ["transport"] = transport,
                        ["data"] = data,
                    });
                }

                if (!socket.Connected)
                {
                    // Gone meanwhile: its disconnect listener may have run before the entry was added.
                    _lastSeen.TryRemove(socket, out _);
                }
            }
        }
    }

    private void Remember(Socket socket, JsonElement view)
        => _lastSeen[socket] = Seen(view.GetProperty("transport").GetString()!, view.GetProperty("data"));

    private static JsonElement DataOf(Socket socket)
        => SocketViews.Write(writer => SocketViews.WriteDataProperties(writer, socket.DataToJson()));

    private static string Seen(string transport, JsonElement data) => transport + "\n" + data.GetRawText();
}
