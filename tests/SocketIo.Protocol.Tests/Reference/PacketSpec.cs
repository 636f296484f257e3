namespace SocketIo.Protocol.Tests.Reference;

/// <summary>A packet as the script takes it: a type name, and string data or base64 binary data.</summary>
internal sealed record PacketSpec(string Type, string? Text = null, string? Base64 = null);
