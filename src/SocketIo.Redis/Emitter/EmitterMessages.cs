using SocketIo.Adapters;
using SocketIo.Adapters.Wire;
using SocketIo.Protocol.Packets;
using SocketIo.Redis.Classic;

namespace SocketIo.Redis.Emitter;

/// <summary>
/// What Node's <c>@socket.io/redis-emitter</c> 5 publishes, byte for byte, so that Node's classic adapters take ours as
/// theirs. The emitter never subscribes (no server counts it, no response reaches it):
/// <list type="bullet">
/// <item>emit: the broadcast array with uid <c>emitter</c>, options ordered <c>rooms, flags, except</c>, flags only
/// <c>volatile</c> and <c>compress</c>, on the one room's channel or the namespace's;</item>
/// <item>join, leave, disconnect: JSON requests with no uid and no flags;</item>
/// <item>server-side emit: <c>{"uid":"emitter","type":6,"data":[…]}</c>, never with an acknowledgement.</item>
/// </list>
/// </summary>
internal static class EmitterMessages
{
    /// <summary>The namespace an emitter starts on.</summary>
    public const string DefaultNamespace = "/";

    /// <summary>A namespace as the emitter's <c>of()</c> names it: a leading <c>/</c> added when missing.</summary>
    public static string NormalizeNamespace(string nsp)
    {
        ArgumentNullException.ThrowIfNull(nsp);
        return nsp.StartsWith('/') ? nsp : "/" + nsp;
    }

    /// <summary>An event for the matching sockets. Of the flags, only volatile and compress travel.</summary>
    public static EmitterMessage Emit(ClassicChannels channels, PacketPayload data, BroadcastOptions options)
    {
        ArgumentNullException.ThrowIfNull(channels);
        ArgumentNullException.ThrowIfNull(options);
        var flags = options.Flags is { Local: false, Timeout: null }
            ? options.Flags
            : new BroadcastFlags(Volatile: options.Flags.Volatile, Compress: options.Flags.Compress);
        var broadcast = new ClassicBroadcast(AdapterIds.EmitterUid, new BroadcastPacket(data, channels.Namespace), options with { Flags = flags });
        return new EmitterMessage(channels.BroadcastChannelFor(options), ClassicBroadcastCodec.Encode(broadcast, OptionsLayout.RoomsFlagsExcept));
    }

    /// <summary>The matching sockets join rooms.</summary>
    public static EmitterMessage SocketsJoin(ClassicChannels channels, BroadcastOptions options, IReadOnlyList<string> rooms) =>
        Request(channels, new RemoteJoinRequest(Uid: null, options, rooms));

    /// <summary>The matching sockets leave rooms.</summary>
    public static EmitterMessage SocketsLeave(ClassicChannels channels, BroadcastOptions options, IReadOnlyList<string> rooms) =>
        Request(channels, new RemoteLeaveRequest(Uid: null, options, rooms));

    /// <summary>The matching sockets are disconnected; with <paramref name="close"/>, their connections too.</summary>
    public static EmitterMessage DisconnectSockets(ClassicChannels channels, BroadcastOptions options, bool close) =>
        Request(channels, new RemoteDisconnectRequest(Uid: null, options, close));

    /// <summary>An event for every server's server-side listeners.</summary>
    public static EmitterMessage ServerSideEmit(ClassicChannels channels, PacketPayload data) =>
        Request(channels, new ServerSideEmitRequest(AdapterIds.EmitterUid, data));

    private static EmitterMessage Request(ClassicChannels channels, ClassicRequest request)
    {
        ArgumentNullException.ThrowIfNull(channels);
        return new EmitterMessage(channels.Request, ClassicRequestCodec.Encode(request));
    }
}
