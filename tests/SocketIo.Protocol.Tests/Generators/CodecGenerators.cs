using System.Text;
using FsCheck;
using FsCheck.Fluent;
using SocketIo.Protocol.Engine;
using SocketIo.Protocol.Packets;

namespace SocketIo.Protocol.Tests.Generators;

/// <summary>FsCheck generators for the codec properties: JSON values, Socket.IO packets, Engine.IO frames, hostile bytes.</summary>
internal static class CodecGenerators
{
    /// <summary>Nesting kept well below the decoder's default limit of 64 (the event array and packet add levels).</summary>
    private const int MaxJsonDepth = 40;

    /// <summary>Attachments a binary packet may carry by default.</summary>
    private const int MaxAttachments = 10;

    private static readonly string[] s_reservedEventNames =
        ["connect", "connect_error", "disconnect", "disconnecting", "newListener", "removeListener"];

    /// <summary>Gets bytes that matter to the grammars of both protocols, and a few that break UTF-8.</summary>
    public static byte[] GrammarBytes { get; } = [.. "0123456789-/,[]{}\":\\u_placeholdernum truefalsenull.eE+bdDcC"u8, 0x1E, 0x00, 0x1F, 0x7F, 0x80, 0xC3, 0xA9, 0xED, 0xA0, 0xF0, 0x9F, 0xFF];

    /// <summary>
    /// Gets UTF-16 strings built from pieces that stress JSON escaping: ASCII, the characters JSON must escape, other
    /// controls, non-ASCII, pairs, and lone or reversed surrogates.
    /// </summary>
    public static Gen<string> JsonString { get; } = Gen.Frequency(
            (6, Gen.Elements("a", "Z", "0", " ", "message", "/", "<>&'+", ",", "_placeholder", "num")),
            (2, Gen.Elements("\"", "\\", "\b", "\f", "\n", "\r", "\t", "\0", "\u001f", "\u007f", "\u0085")),
            (2, Gen.Elements("é", "中", "\u2028", "\u2029", "\uffff", "\ufeff", "😀", "\U0010FFFF")),
            (1, Gen.Elements("\ud800", "\udbff", "\udc00", "\udfff", "\ude00\ud83d", "\ud83d\ud83d")))
        .ListOf()
        .Resize(8)
        .Select(pieces => string.Concat(pieces));

    /// <summary>Gets namespaces: mostly <c>/</c>, else odd but valid names (no <c>,</c>, no controls, at most 256 UTF-8 bytes).</summary>
    public static Gen<string> Namespace { get; } = Gen.Frequency(
        (3, Gen.Constant("/")),
        (4, Gen.Choose(1, 12).SelectMany(count => Gen.ListOf(
                Gen.Elements("a", "chat", "/", "1", "42", " ", "\"", "{", "[", "-", "?x=1", "#", "%2C", "\\", "é", "中", "😀", "\u2028", "_placeholder", "."),
                count))
            .Select(pieces => "/" + string.Concat(pieces))));

    /// <summary>Gets ack ids: none, small, or up to the largest the protocol allows.</summary>
    public static Gen<long?> AckId { get; } = Gen.Frequency(
        (3, Gen.Constant<long?>(null)),
        (3, Gen.Choose(0, 1000).Select(id => (long?)id)),
        (1, Gen.Elements<long?>(SocketIoPacket.MaxAckId, SocketIoPacket.MaxAckId - 1, int.MaxValue, 1L << 40)));

    /// <summary>Gets JSON number texts: integers, fractions, exponents, negative zero, extremes.</summary>
    public static Gen<string> NumberText { get; } = Gen.Frequency(
        (3, Gen.Choose(-1_000_000, 1_000_000).Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture))),
        (1, Gen.Elements("-0", "0.0", "1.50", "1e3", "1E+21", "-2.5e-7", "1e308", "5e-324", "9007199254740993", "123456789012345678901234567890")));

    /// <summary>Gets attachment bytes, empty ones included.</summary>
    public static Gen<byte[]> AttachmentBytes { get; } = Gen.Choose(0, 255).Select(b => (byte)b).ArrayOf().Resize(48);

    /// <summary>Gets bytes biased towards the grammar of both protocols.</summary>
    public static Gen<byte[]> HostileBytes { get; } = Gen.Frequency(
            (3, Gen.Elements(GrammarBytes)),
            (1, Gen.Choose(0, 255).Select(b => (byte)b)))
        .ArrayOf();

    /// <summary>
    /// Gets JSON values; attachments appear as leaves at any depth when <paramref name="withAttachments"/> is set.
    /// Now and then a value is buried under up to 35 levels of arrays and objects.
    /// </summary>
    public static Gen<JsonModel> Json(bool withAttachments) => Gen.Frequency(
        (5, Gen.Sized(size => Value(size, 0, withAttachments))),
        (1, from depth in Gen.Choose(1, MaxJsonDepth - 5)
            from keys in Gen.ListOf(JsonString.Where(k => k != "_placeholder"), depth)
            from inner in Gen.Sized(size => Value(size / 4, depth, withAttachments))
            select Bury(inner, keys)));

    /// <summary>
    /// Gets Socket.IO packets of every type, with payloads that fit the type (the decoder delivers them all): CONNECT
    /// with or without auth, DISCONNECT, EVENT with a name and arguments, ACK with an id and arguments or none,
    /// CONNECT_ERROR; events and acks carry attachments about half of the time. Acks always have an id (one without
    /// is dropped, as in Node: <see cref="SocketIoDecodeStatus.Ignored"/>).
    /// </summary>
    public static Gen<SocketIoPacketCase> Packet { get; } =
        from type in Gen.Elements(SocketIoPacketType.Connect, SocketIoPacketType.Disconnect, SocketIoPacketType.Event, SocketIoPacketType.Ack, SocketIoPacketType.ConnectError)
        from nsp in Namespace
        from ackId in AckId
        from binary in Gen.Elements(false, true)
        from data in Payload(type, binary)
        select new SocketIoPacketCase(type, nsp, type == SocketIoPacketType.Ack ? ackId ?? 0 : ackId, data);

    /// <summary>
    /// Gets Engine.IO frames: text packets (type digit, then any UTF-8 but the record separator, which long-polling
    /// cannot carry in text, in Node too) and binary messages.
    /// </summary>
    public static Gen<WireFrame> Frame { get; } = Gen.Frequency(
        (3, from type in Gen.Choose(0, 6)
            from text in JsonString
            select new WireFrame(false, Encoding.UTF8.GetBytes((char)('0' + type) + text.Replace('\u001e', ' ')))),
        (1, AttachmentBytes.Select(bytes => new WireFrame(true, bytes))));

    /// <summary>Gets <paramref name="input"/> with up to three random edits: bytes replaced, inserted, deleted, truncated, duplicated.</summary>
    public static Gen<byte[]> Mutated(byte[] input) =>
        Gen.Choose(0, 3).SelectMany(count => Gen.ListOf(Edit, count)).Select(edits =>
        {
            var bytes = new List<byte>(input);
            foreach (var (kind, position, value) in edits)
            {
                var at = bytes.Count == 0 ? 0 : position % (bytes.Count + 1);
                switch (kind)
                {
                    case 0 when at < bytes.Count:
                        bytes[at] = value;
                        break;
                    case 1:
                        bytes.Insert(at, value);
                        break;
                    case 2 when at < bytes.Count:
                        bytes.RemoveAt(at);
                        break;
                    case 3:
                        bytes.RemoveRange(at, bytes.Count - at);
                        break;
                    default:
                        bytes.InsertRange(at, bytes.GetRange(at, Math.Min(bytes.Count - at, value % 8)));
                        break;
                }
            }

            return bytes.ToArray();
        });

    private static Gen<(int Kind, int Position, byte Value)> Edit { get; } =
        from kind in Gen.Choose(0, 4)
        from position in Gen.Choose(0, 10_000)
        from value in Gen.Elements(GrammarBytes)
        select (kind, position, value);

    private static Gen<JsonModel?> Payload(SocketIoPacketType type, bool binary) => type switch
    {
        SocketIoPacketType.Connect => Gen.OneOf(Gen.Constant<JsonModel?>(null), ObjectOf(Json(false)).Select(o => (JsonModel?)o)),
        SocketIoPacketType.Disconnect => Gen.Constant<JsonModel?>(null),
        SocketIoPacketType.Event =>
            from name in Gen.OneOf(
                JsonString.Select(s => s_reservedEventNames.Contains(s) ? s + "!" : s).Select(s => (JsonModel)new JsonModel.Text(s)),
                NumberText.Select(n => (JsonModel)new JsonModel.Number(n)))
            from args in Arguments(binary)
            select (JsonModel?)new JsonModel.ArrayValue([name, .. args]),
        SocketIoPacketType.Ack => Gen.Frequency(
            (1, Gen.Constant<JsonModel?>(null)),
            (6, Arguments(binary).Select(args => (JsonModel?)new JsonModel.ArrayValue(args)))),
        _ => Gen.OneOf(
            JsonString.Select(s => (JsonModel?)new JsonModel.Text(s)),
            ObjectOf(Json(false)).Select(o => (JsonModel?)o)),
    };

    /// <summary>Arguments; for a binary packet, at least one attachment somewhere and at most the default limit.</summary>
    private static Gen<IReadOnlyList<JsonModel>> Arguments(bool binary) =>
        from args in Gen.Choose(0, 5).SelectMany(count => Gen.ListOf(Json(binary), count)).Select(a => (IReadOnlyList<JsonModel>)[.. a])
        from extra in AttachmentBytes
        select binary ? LimitAttachments(CountAttachments(args) == 0 ? [.. args, new JsonModel.Attachment(extra)] : args) : args;

    private static Gen<JsonModel> Value(int size, int depth, bool withAttachments)
    {
        var leaves = new List<(int, Gen<JsonModel>)>
        {
            (1, Gen.Constant<JsonModel>(new JsonModel.Null())),
            (1, Gen.Elements(false, true).Select(b => (JsonModel)new JsonModel.Bool(b))),
            (2, NumberText.Select(n => (JsonModel)new JsonModel.Number(n))),
            (3, JsonString.Select(s => (JsonModel)new JsonModel.Text(s))),
        };
        if (withAttachments)
        {
            leaves.Add((1, AttachmentBytes.Select(b => (JsonModel)new JsonModel.Attachment(b))));
        }

        var leaf = Gen.Frequency(leaves);
        if (size <= 1 || depth >= MaxJsonDepth)
        {
            return leaf;
        }

        // Containers split the size among their children, built lazily so that deep values cost only what they use;
        // a one-child chain now and then reaches deep levels.
        var child = Gen.Constant(0).SelectMany(_ => Value(size / 2, depth + 1, withAttachments));
        var deepChild = Gen.Constant(0).SelectMany(_ => Value(size - 1, depth + 1, withAttachments));
        return Gen.Frequency(
            (4, leaf),
            (1, Gen.Choose(0, 4).SelectMany(count => Gen.ListOf(child, count)).Select(items => (JsonModel)new JsonModel.ArrayValue([.. items]))),
            (1, ObjectOf(child).Select(o => (JsonModel)o)),
            (1, deepChild.Select(item => (JsonModel)new JsonModel.ArrayValue([item]))));
    }

    /// <summary>Wraps <paramref name="value"/> once per key, in an object under that key or, every other level, in an array.</summary>
    private static JsonModel Bury(JsonModel value, IReadOnlyList<string> keys)
    {
        for (var i = 0; i < keys.Count; i++)
        {
            value = i % 2 == 0
                ? new JsonModel.ObjectValue([new KeyValuePair<string, JsonModel>(keys[i], value)])
                : new JsonModel.ArrayValue([value]);
        }

        return value;
    }

    /// <summary>Objects with generated keys; never a <c>_placeholder</c> key, which would make the object a placeholder.</summary>
    private static Gen<JsonModel.ObjectValue> ObjectOf(Gen<JsonModel> values) =>
        Gen.Choose(0, 4)
            .SelectMany(count => Gen.ListOf(
                from key in JsonString.Where(k => k != "_placeholder")
                from value in values
                select new KeyValuePair<string, JsonModel>(key, value),
                count))
            .Select(properties => new JsonModel.ObjectValue([.. properties]));

    private static int CountAttachments(IEnumerable<JsonModel> values) => values.Sum(CountAttachments);

    private static int CountAttachments(JsonModel value) => value switch
    {
        JsonModel.Attachment => 1,
        JsonModel.ArrayValue array => CountAttachments(array.Items),
        JsonModel.ObjectValue obj => CountAttachments(obj.Properties.Select(p => p.Value)),
        _ => 0,
    };

    /// <summary>Turns the attachments past the default limit into nulls, in writing order.</summary>
    private static IReadOnlyList<JsonModel> LimitAttachments(IReadOnlyList<JsonModel> values)
    {
        var seen = 0;
        JsonModel Limit(JsonModel value) => value switch
        {
            JsonModel.Attachment when ++seen > MaxAttachments => new JsonModel.Null(),
            JsonModel.ArrayValue array => new JsonModel.ArrayValue([.. array.Items.Select(Limit)]),
            JsonModel.ObjectValue obj => new JsonModel.ObjectValue([.. obj.Properties.Select(p => new KeyValuePair<string, JsonModel>(p.Key, Limit(p.Value)))]),
            _ => value,
        };
        return [.. values.Select(Limit)];
    }
}
