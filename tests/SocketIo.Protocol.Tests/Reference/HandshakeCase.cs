namespace SocketIo.Protocol.Tests.Reference;

/// <summary>A handshake GET on a real Node server with allowEIO3.</summary>
internal sealed record HandshakeCase(string Id, string Query, string Op = "handshake");
