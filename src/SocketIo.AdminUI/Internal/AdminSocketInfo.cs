using System.Text.Json.Serialization;
using SocketIo.Server;

namespace SocketIo.AdminUI.Internal;

/// <summary>
/// The <c>_admin</c> entry of a socket's data with a cluster adapter: what another node's Admin UI needs to show a
/// socket it fetched from here (Node keeps the same entry, so mixed clusters agree). The transport is read when the
/// entry is serialized, so it is current after an upgrade.
/// </summary>
internal sealed class AdminSocketInfo(Socket socket)
{
    [JsonPropertyName("clientId")]
    public string ClientId { get; } = SocketViews.ClientId(socket);

    [JsonPropertyName("transport")]
    public string Transport => socket.Transport;
}
