using System.Text.Json;
using SocketIo.Server;

namespace SocketIo.AdminUI.Internal;

/// <summary>
/// The UI's commands, registered only when not read-only. Each names a namespace of this server and an optional room
/// filter (one room, or a list; the UI passes a socket id to act on one socket, or nothing for all), and acts through
/// the namespace's broadcast operator, so with a cluster adapter it reaches the matching sockets of every node:
/// <list type="bullet">
/// <item><c>emit (nsp, filter, event, ...args)</c></item>
/// <item><c>join (nsp, room, filter)</c> and <c>leave (nsp, room, filter)</c></item>
/// <item><c>_disconnect (nsp, close, filter)</c>, <c>close</c> closing the whole connection</item>
/// </list>
/// A command that names no existing namespace, or whose arguments are not of these types, is logged and ignored.
/// </summary>
internal sealed partial class AdminInstrumentation
{
    private void RegisterCommands(Socket admin)
    {
        admin.On(AdminProtocol.EmitCommand, (SocketIoArguments args) => OnEmitCommand(admin, args));
        admin.On(AdminProtocol.JoinCommand, (SocketIoArguments args) => OnRoomCommand(admin, AdminProtocol.JoinCommand, args));
        admin.On(AdminProtocol.LeaveCommand, (SocketIoArguments args) => OnRoomCommand(admin, AdminProtocol.LeaveCommand, args));
        admin.On(AdminProtocol.DisconnectCommand, (SocketIoArguments args) => OnDisconnectCommand(admin, args));
    }

    private Task OnEmitCommand(Socket admin, SocketIoArguments args)
    {
        if (!TryTarget(admin, AdminProtocol.EmitCommand, args, filterAt: 1, out var target, out var described)
            || !TryString(admin, AdminProtocol.EmitCommand, args, 2, "the event name", out var eventName))
        {
            return Task.CompletedTask;
        }

        var values = new object?[args.Count - 3];
        for (var i = 3; i < args.Count; i++)
        {
            values[i - 3] = args[i];
        }

        return RunAsync(admin, AdminProtocol.EmitCommand, described, () => target.EmitAsync(eventName, values));
    }

    private Task OnRoomCommand(Socket admin, string command, SocketIoArguments args)
    {
        if (!TryTarget(admin, command, args, filterAt: 2, out var target, out var described)
            || !TryString(admin, command, args, 1, "the room", out var room))
        {
            return Task.CompletedTask;
        }

        return RunAsync(admin, command, described, () => command == AdminProtocol.JoinCommand ? target.SocketsJoinAsync(room) : target.SocketsLeaveAsync(room));
    }

    private Task OnDisconnectCommand(Socket admin, SocketIoArguments args)
    {
        if (!TryTarget(admin, AdminProtocol.DisconnectCommand, args, filterAt: 2, out var target, out var described))
        {
            return Task.CompletedTask;
        }

        var close = args.Count > 1 && args[1].ValueKind == JsonValueKind.True;
        return RunAsync(admin, AdminProtocol.DisconnectCommand, described, () => target.DisconnectSocketsAsync(close));
    }

    private async Task RunAsync(Socket admin, string command, (string Namespace, string Filter) described, Func<Task> operation)
    {
        AdminLog.Command(_logger, command, described.Namespace, described.Filter, admin.Id);
        try
        {
            await operation().ConfigureAwait(false);
        }
#pragma warning disable CA1031 // A command that fails (a bus error, a reserved event name) is logged; the admin connection goes on.
        catch (Exception e)
#pragma warning restore CA1031
        {
            AdminLog.CommandFailed(_logger, command, admin.Id, e);
        }
    }

    /// <summary>The sockets a command acts on: the namespace (argument 0) and the room filter, if any.</summary>
    private bool TryTarget(Socket admin, string command, SocketIoArguments args, int filterAt, out BroadcastOperator target, out (string Namespace, string Filter) described)
    {
        target = null!;
        described = default;
        if (!TryString(admin, command, args, 0, "the namespace", out var name))
        {
            return false;
        }

        if (!_io.Namespaces.TryGetValue(name, out var nsp))
        {
            AdminLog.CommandIgnored(_logger, command, admin.Id, $"no namespace {name} on this server");
            return false;
        }

        List<string> rooms = [];
        var filter = args.Count > filterAt ? args[filterAt] : default;
        switch (filter.ValueKind)
        {
            case JsonValueKind.String when filter.GetString() is { Length: > 0 } room:
                rooms.Add(room);
                break;
            case JsonValueKind.Array:
                foreach (var item in filter.EnumerateArray())
                {
                    if (item.ValueKind != JsonValueKind.String)
                    {
                        AdminLog.CommandIgnored(_logger, command, admin.Id, "the room filter holds something other than a room name");
                        return false;
                    }

                    rooms.Add(item.GetString()!);
                }

                break;
            case JsonValueKind.Undefined or JsonValueKind.Null or JsonValueKind.False or JsonValueKind.String:
                // No filter (the UI sends none, null or an empty string): every socket of the namespace.
                break;
            default:
                AdminLog.CommandIgnored(_logger, command, admin.Id, "the room filter is neither a room name nor a list of them");
                return false;
        }

        target = nsp.To(rooms);
        described = (name, rooms.Count == 0 ? "(all sockets)" : string.Join(",", rooms));
        return true;
    }

    private bool TryString(Socket admin, string command, SocketIoArguments args, int index, string what, out string value)
    {
        if (args.Count > index && args[index].ValueKind == JsonValueKind.String && args[index].GetString() is { Length: > 0 } text)
        {
            value = text;
            return true;
        }

        value = "";
        AdminLog.CommandIgnored(_logger, command, admin.Id, $"{what} (argument {index + 1}) is not a non-empty string");
        return false;
    }
}
