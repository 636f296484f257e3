namespace SocketIo.Redis.Classic;

/// <summary>
/// A message on a response channel. Matched by <see cref="RequestId"/> against the receiver's own pending requests;
/// any other request id is another node's business (the shared channel carries every node's answers).
/// </summary>
/// <param name="RequestId">The request answered.</param>
internal abstract record ClassicResponse(string RequestId);
