using System.Text.Json;

namespace SocketIo.Adapters;

/// <summary>A client's answer to an emit with acknowledgement: its arguments, and the attachments they point to.</summary>
/// <param name="SocketId">The socket that answered.</param>
/// <param name="Arguments">The answer's arguments as JSON values (binary as placeholders).</param>
/// <param name="Attachments">The binary attachments.</param>
public sealed record AckResponse(string SocketId, IReadOnlyList<JsonElement> Arguments, IReadOnlyList<byte[]> Attachments);
