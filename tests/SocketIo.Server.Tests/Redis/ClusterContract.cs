using System.Text.Json;
using SocketIo.Redis;

namespace SocketIo.Server.Tests.Redis;

/// <summary>
/// The handlers a node of the mixed-cluster tests serves, the same as the Node server's
/// (tests/interop/redis/cluster-server.mjs), so a client asks either side for the same cluster-wide operation.
/// </summary>
internal static class ClusterContract
{
    public static void Apply(SocketIoServer io, RedisEmitter? emitter)
    {
        io.OnServerSideEmit("ping", (string from) => new { side = "dotnet", from });
        io.OnConnection(socket =>
        {
            var auth = socket.Handshake.Auth;
            socket.Data["name"] = auth.GetProperty("name").GetString();
            socket.Data["side"] = "dotnet";
            foreach (var room in auth.GetProperty("rooms").EnumerateArray())
            {
                socket.Join(room.GetString()!);
            }

            socket.On("serverCount", async () => await io.Sockets.Adapter.ServerCountAsync());
            socket.On("broadcast", async (string? room, string eventName, JsonElement arg) =>
            {
                await Target(io, room).EmitAsync(eventName, arg);
                return true;
            });
            socket.On("broadcastBinary", async (string? room, string eventName) =>
            {
                await Target(io, room).EmitAsync(eventName, new byte[] { 1, 2, 3 });
                return true;
            });
            socket.On("fetch", async (string? room) =>
            {
                var sockets = await Target(io, room).FetchSocketsAsync();
                return sockets.Select(s => new
                {
                    id = s.Id,
                    rooms = s.Rooms.Order(StringComparer.Ordinal).ToArray(),
                    data = s.Data,
                    auth = s.Handshake.GetProperty("auth"),
                    address = s.Handshake.GetProperty("address"),
                }).ToArray();
            });
            socket.On("join", async (string room, string joined) =>
            {
                await Target(io, room).SocketsJoinAsync(joined);
                return true;
            });
            socket.On("disconnectRoom", async (string room) =>
            {
                await Target(io, room).DisconnectSocketsAsync();
                return true;
            });
            socket.On("sse", async () =>
            {
                var answers = await io.ServerSideEmitWithAckAsync("ping", TimeSpan.FromSeconds(5), "dotnet");
                return answers.Select(a => a[0]).ToArray();
            });
            socket.On("ackAll", async () =>
            {
                var answers = await io.Timeout(TimeSpan.FromSeconds(5)).EmitWithAckAsync("question");
                return answers.Select(a => a[0].GetString()).Order(StringComparer.Ordinal).ToArray();
            });
            socket.On("emitterTest", async () =>
            {
                if (emitter is not null)
                {
                    await emitter.EmitAsync("from-dotnet-emitter", "dotnet");
                }

                return true;
            });
        });
    }

    private static BroadcastOperator Target(SocketIoServer io, string? room) => io.To(room is null ? [] : [room]);
}
