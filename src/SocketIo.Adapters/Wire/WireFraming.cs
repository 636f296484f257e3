namespace SocketIo.Adapters.Wire;

/// <summary>How an adapter message travels between nodes.</summary>
internal enum WireFraming
{
    /// <summary>UTF-8 JSON, as JavaScript's <c>JSON.stringify</c> writes it; binary has no place in it.</summary>
    Json,

    /// <summary>MessagePack as notepack.io 3 writes it, binary as native <c>bin</c>.</summary>
    Msgpack,
}
