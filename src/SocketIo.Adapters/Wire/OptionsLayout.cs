namespace SocketIo.Adapters.Wire;

/// <summary>Which keys a message's broadcast options carry, in which order (Node writes them so; decoders ignore the order).</summary>
internal enum OptionsLayout
{
    /// <summary><c>{"rooms","except","flags"}</c>: adapters' broadcasts.</summary>
    RoomsExceptFlags,

    /// <summary><c>{"rooms","flags","except"}</c>: the emitter's broadcasts.</summary>
    RoomsFlagsExcept,

    /// <summary><c>{"rooms","except"}</c>: the classic adapter's and the emitter's requests, which never carry flags.</summary>
    RoomsExcept,
}
