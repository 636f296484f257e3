namespace SocketIo.Adapters;

/// <summary>Event names the protocol keeps for itself; an application may not emit them (from a server or an emitter).</summary>
internal static class ReservedEvents
{
    private static readonly HashSet<string> Names = new(StringComparer.Ordinal)
    {
        "connect", "connect_error", "disconnect", "disconnecting", "newListener", "removeListener",
    };

    public static bool IsReserved(string eventName) => Names.Contains(eventName);

    public static void ThrowIfReserved(string eventName)
    {
        ArgumentNullException.ThrowIfNull(eventName);
        if (Names.Contains(eventName))
        {
            throw new ArgumentException($"\"{eventName}\" is a reserved event name.", nameof(eventName));
        }
    }
}
