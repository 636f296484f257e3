namespace SocketIo.Protocol.Tests.Reference;

/// <summary>Read a 2.x client's CONNECT namespace as socket.io 4.8 does.</summary>
internal sealed record NamespaceCase(string Id, string Nsp, string Op = "namespace");
