namespace SocketIo.Protocol.Tests.Reference;

/// <summary>Encode a GET body for a session with or without <c>b64=1</c>, JSONP when <c>J</c> is set.</summary>
internal sealed record EncodeCase(string Id, bool B64, string? J, PacketSpec[] Packets, string Op = "encode");
