using SocketIo.Adapters;

namespace SocketIo.Redis.Classic;

/// <summary>
/// The channels of one namespace for the classic Redis adapter and the emitter. Names are joined strings, compared
/// ordinally, with no escaping, even when a namespace or room holds <c>#</c>, <c>*</c>, <c>?</c> or <c>[</c>:
/// <list type="bullet">
/// <item><c>{key}#{nsp}#</c>: broadcasts to the whole namespace or to several rooms;</item>
/// <item><c>{key}#{nsp}#{room}#</c>: broadcasts to exactly one room (a receiver without that room skips them undecoded);</item>
/// <item><c>{key}-request#{nsp}#</c>: requests, and the channel whose subscribers count as servers;</item>
/// <item><c>{key}-response#{nsp}#</c> and <c>{key}-response#{nsp}#{uid}#</c>: the shared and the specific response channel.</item>
/// </list>
/// </summary>
internal sealed class ClassicChannels
{
    /// <summary>Node's default key, the prefix of every channel.</summary>
    public const string DefaultKey = "socket.io";

    private readonly string _key;

    /// <summary>Initializes the channels of <paramref name="nsp"/> under <paramref name="key"/>.</summary>
    public ClassicChannels(string key, string nsp)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentException.ThrowIfNullOrEmpty(nsp);
        _key = key;
        Namespace = nsp;
        Broadcast = key + "#" + nsp + "#";
        Request = key + "-request#" + nsp + "#";
        Response = key + "-response#" + nsp + "#";
    }

    /// <summary>Gets the namespace.</summary>
    public string Namespace { get; }

    /// <summary>Gets the broadcast channel of the whole namespace, <c>{key}#{nsp}#</c>, the prefix of its room channels.</summary>
    public string Broadcast { get; }

    /// <summary>Gets the pattern a node subscribes to for every broadcast of the namespace (a Redis glob, unescaped).</summary>
    public string BroadcastPattern => Broadcast + "*";

    /// <summary>
    /// Gets the pattern that matches every channel of the namespace at once, <c>{key}*#{nsp}#*</c>: its broadcasts, its
    /// request channel and its response channels (and other nodes' specific response channels, which a receiver
    /// skips). The key and the namespace are escaped, so a <c>*</c>, <c>?</c> or <c>[</c> in them matches only itself.
    /// </summary>
    public string NamespacePattern => Escape(_key) + "*#" + Escape(Namespace) + "#*";

    /// <summary>Gets the request channel, <c>{key}-request#{nsp}#</c>.</summary>
    public string Request { get; }

    /// <summary>Gets the shared response channel, <c>{key}-response#{nsp}#</c>, the prefix of the specific ones.</summary>
    public string Response { get; }

    /// <summary>Gets the broadcast channel of one room, <c>{key}#{nsp}#{room}#</c>.</summary>
    public string Room(string room) => Broadcast + room + "#";

    /// <summary>Gets the specific response channel of a node, <c>{key}-response#{nsp}#{uid}#</c>.</summary>
    public string SpecificResponse(string uid) => Response + uid + "#";

    /// <summary>Where a broadcast goes: the room's channel when it targets exactly one room, else the namespace's.</summary>
    public string BroadcastChannelFor(BroadcastOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.Rooms.Count == 1 ? Room(options.Rooms.First()) : Broadcast;
    }

    /// <summary>
    /// Where a responder publishes: the requester's specific channel when the responder's own option says so (and
    /// the request named its sender), the shared one otherwise.
    /// </summary>
    public string ResponseChannelFor(string? requesterUid, bool publishOnSpecificResponseChannel) =>
        publishOnSpecificResponseChannel && requesterUid is not null ? SpecificResponse(requesterUid) : Response;

    /// <summary>
    /// Reads the room of a broadcast channel: empty for the namespace's own channel. False for a channel outside the
    /// namespace's broadcasts (the pattern also matches other channels that merely start the same way).
    /// </summary>
    public bool TryGetRoom(string channel, out string room)
    {
        ArgumentNullException.ThrowIfNull(channel);
        if (!channel.StartsWith(Broadcast, StringComparison.Ordinal))
        {
            room = "";
            return false;
        }

        // As Node: what follows the prefix, less its last character.
        room = channel.Length > Broadcast.Length ? channel[Broadcast.Length..^1] : "";
        return true;
    }

    /// <summary>Whether a message on a subscribed channel is a response (the shared or any specific response channel).</summary>
    public bool IsResponseChannel(string channel) => channel.StartsWith(Response, StringComparison.Ordinal);

    /// <summary>Whether a message on a subscribed channel is a request.</summary>
    public bool IsRequestChannel(string channel) => channel.StartsWith(Request, StringComparison.Ordinal);

    /// <summary>Escapes the characters a Redis glob pattern gives a meaning to.</summary>
    private static string Escape(string literal)
    {
        var escaped = new System.Text.StringBuilder(literal.Length + 4);
        foreach (var c in literal)
        {
            if (c is '*' or '?' or '[' or ']' or '\\')
            {
                escaped.Append('\\');
            }

            escaped.Append(c);
        }

        return escaped.ToString();
    }
}
