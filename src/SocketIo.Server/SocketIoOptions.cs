using SocketIo.Adapters;
using SocketIo.Engine;
using System.Text.Json;
using SocketIo.Protocol.Packets;
using SocketIo.Protocol.Parsers;

namespace SocketIo.Server;

/// <summary>
/// Options of the Socket.IO server: its own, plus those of the Engine.IO transport beneath it (inherited), with the
/// Node reference server's defaults. Bindable from configuration; validated when the host starts.
/// </summary>
public sealed class SocketIoOptions : EngineIoOptions
{
    /// <summary>Gets or sets the path the server answers on. The default is <c>/socket.io/</c>.</summary>
    public string Path { get; set; } = "/socket.io/";

    /// <summary>
    /// Gets or sets how long a new connection may take to join its first namespace before it is closed.
    /// The default is 45 seconds.
    /// </summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(45);

    /// <summary>
    /// Gets or sets how packets are written in Engine.IO messages (Node's <c>parser</c> option); clients must use the
    /// same. The default is <see cref="SocketIoParsers.Default"/>, the text encoding every official client speaks;
    /// <see cref="SocketIoParsers.MessagePack"/> is that of the npm package <c>socket.io-msgpack-parser</c>.
    /// </summary>
    public ISocketIoParser Parser { get; set; } = SocketIoParsers.Default;

    /// <summary>
    /// Gets the serializer options event arguments, acknowledgements and <see cref="Socket.Data"/> are written and read
    /// with; the server copies them when it is built. Add converters, change the naming policy, or insert a
    /// <c>JsonSerializerContext</c> of your types first in <see cref="JsonSerializerOptions.TypeInfoResolverChain"/>
    /// (<c>options.JsonSerializerOptions.TypeInfoResolverChain.Insert(0, AppJsonContext.Default)</c>), which Native AOT
    /// needs. The default is <see cref="SocketIoJson.CreateSerializerOptions"/>: camelCase names, JavaScript's string
    /// and number rules, metadata of the common types, then reflection where the application allows it. <c>byte[]</c>
    /// values always travel as binary attachments.
    /// </summary>
    public JsonSerializerOptions JsonSerializerOptions { get; } = SocketIoJson.CreateSerializerOptions();

    /// <summary>
    /// Gets or sets the most binary attachments one packet may announce; a packet announcing more is a parse error
    /// and closes the connection. The default is 10. Only the default parser has attachments: the MessagePack parser
    /// carries binary inline, bounded by <see cref="EngineIoOptions.MaxHttpBufferSize"/>.
    /// </summary>
    public int MaxAttachments { get; set; } = 10;

    /// <summary>
    /// Gets or sets a value indicating whether a child namespace created by a dynamic namespace is removed when its
    /// last socket leaves. The default is <see langword="false"/>.
    /// </summary>
    public bool CleanupEmptyChildNamespaces { get; set; }

    /// <summary>
    /// Gets or sets connection state recovery (Node's <c>connectionStateRecovery</c>): when set, a client whose
    /// connection dropped and that reconnects within the window gets its socket back (same id, rooms and data,
    /// <see cref="Socket.Recovered"/> true) and the events it missed; every event the server sends then carries an
    /// offset as its last argument, and the CONNECT reply a private session id. The default is <see langword="null"/>:
    /// off, and the CONNECT reply is <c>{"sid":…}</c> alone. The in-memory adapter supports it; the Redis adapters do
    /// not (as Node's), so with them clients are never recovered. See docs/recovery.md.
    /// </summary>
    public ConnectionStateRecoveryOptions? ConnectionStateRecovery { get; set; }

    /// <summary>
    /// Gets or sets a value indicating whether each incoming event gets a span of its own (activity source
    /// <c>SocketIo.Server</c>), covering its middleware, catch-all listeners and handlers, and carrying the namespace,
    /// the event name and the socket id. The default is <see langword="false"/>: a span per event costs a few
    /// microseconds while a tracer listens, and busy servers receive many events. Handshakes and namespace connects are
    /// always traced when a tracer listens.
    /// </summary>
    public bool TraceEvents { get; set; }

    /// <inheritdoc />
    public override IReadOnlyList<string> GetValidationErrors()
    {
        var failures = new List<string>(base.GetValidationErrors());
        RequirePositive(failures, nameof(ConnectTimeout), ConnectTimeout);

        if (Parser is null)
        {
            failures.Add("SocketIoOptions.Parser must be set (SocketIoParsers.Default or SocketIoParsers.MessagePack, for example).");
        }
        else if (AllowEio3 && !ReferenceEquals(Parser, SocketIoParsers.Default))
        {
            // 2.x clients speak protocol v4, which only the default parser reads.
            failures.Add("SocketIoOptions.AllowEio3 needs the default parser: Socket.IO 2.x clients cannot use SocketIoOptions.Parser = SocketIoParsers.MessagePack.");
        }

        if (MaxAttachments is < 1 or > 1000)
        {
            failures.Add($"SocketIoOptions.MaxAttachments must be between 1 and 1000 (was {MaxAttachments}).");
        }

        if (ConnectionStateRecovery is { } recovery)
        {
            failures.AddRange(recovery.GetValidationErrors().Select(static failure => "SocketIoOptions." + failure));
        }

        if (string.IsNullOrWhiteSpace(Path) || !Path.StartsWith('/'))
        {
            failures.Add($"SocketIoOptions.Path must start with '/' (was '{Path}').");
        }

        return failures;
    }
}
