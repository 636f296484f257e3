namespace SocketIo.Redis.Emitter;

/// <summary>One message of the emitter: what to PUBLISH, where.</summary>
/// <param name="Channel">The channel.</param>
/// <param name="Payload">The bytes, binary-safe.</param>
internal sealed record EmitterMessage(string Channel, byte[] Payload);
