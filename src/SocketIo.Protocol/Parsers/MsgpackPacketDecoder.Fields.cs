using System.Diagnostics.CodeAnalysis;
using MessagePack;

namespace SocketIo.Protocol.Parsers;

/// <summary>The walk over the packet map: where each field is, every value well-formed, nothing after the map.</summary>
internal sealed partial class MsgpackPacketDecoder
{
    /// <summary>The fixext 1 code; with extension type 0 it is notepack 2's <c>undefined</c>.</summary>
    private const byte FixExt1 = 0xd4;

    /// <summary>
    /// Reads the top-level map of <paramref name="message"/>. Returns <see langword="false"/> with an error when the
    /// message is not exactly one well-formed MessagePack map, or nests deeper than the limit.
    /// </summary>
    private bool TryReadFields(ReadOnlyMemory<byte> message, out PacketFields fields, [NotNullWhen(false)] out string? error)
    {
        fields = default;
        try
        {
            var reader = new MessagePackReader(message);
            if (reader.End)
            {
                error = "empty message";
                return false;
            }

            if (reader.NextMessagePackType != MessagePackType.Map)
            {
                // Node parses the value first: report what is wrong with it, if anything, before its type.
                Skip(ref reader, _maxDepth);
                error = reader.End ? "packet is not a MessagePack map" : $"{message.Length - reader.Consumed} trailing bytes";
                return false;
            }

            var count = reader.ReadMapHeader();
            for (var i = 0; i < count; i++)
            {
                var key = ReadKey(ref reader);
                var start = (int)reader.Consumed;
                Skip(ref reader, _maxDepth);
                ReadOnlyMemory<byte>? value = message[start..(int)reader.Consumed];
                if (IsUndefined(value.Value.Span))
                {
                    value = null;
                }

                switch (key)
                {
                    case FieldKey.Type:
                        fields.Type = value;
                        break;
                    case FieldKey.Namespace:
                        fields.Namespace = value;
                        break;
                    case FieldKey.Data:
                        fields.Data = value;
                        break;
                    case FieldKey.Id:
                        fields.Id = value;
                        break;
                }
            }

            if (!reader.End)
            {
                error = $"{message.Length - reader.Consumed} trailing bytes";
                return false;
            }
        }
        catch (EndOfStreamException)
        {
            error = "truncated MessagePack value";
            return false;
        }
        catch (ArgumentOutOfRangeException)
        {
            // MessagePack-CSharp 2.5 reports a string or extension longer than the data left this way.
            error = "truncated MessagePack value";
            return false;
        }
        catch (MessagePackSerializationException ex)
        {
            error = "invalid MessagePack: " + ex.Message;
            return false;
        }
        catch (InvalidDataException ex)
        {
            error = ex.Message;
            return false;
        }

        error = null;
        return true;
    }

    /// <summary>Reads a key, telling which field it names; a key that is not a string names none (skipped as a value).</summary>
    private FieldKey ReadKey(ref MessagePackReader reader)
    {
        if (reader.NextMessagePackType != MessagePackType.String)
        {
            Skip(ref reader, _maxDepth);
            return FieldKey.None;
        }

        var key = reader.ReadStringSequence()!.Value;
        return key.FirstSpan switch
        {
            var k when k.SequenceEqual("type"u8) => FieldKey.Type,
            var k when k.SequenceEqual("nsp"u8) => FieldKey.Namespace,
            var k when k.SequenceEqual("data"u8) => FieldKey.Data,
            var k when k.SequenceEqual("id"u8) => FieldKey.Id,
            _ => FieldKey.None,
        };
    }

    /// <summary>
    /// Skips one value, checking that it is well-formed, with at most <paramref name="depthLeft"/> levels of arrays
    /// and maps: the reader's own skip recurses without a bound.
    /// </summary>
    private static void Skip(ref MessagePackReader reader, int depthLeft)
    {
        switch (reader.NextMessagePackType)
        {
            case MessagePackType.Array:
                CheckDepth(depthLeft);
                var items = reader.ReadArrayHeader();
                for (var i = 0; i < items; i++)
                {
                    Skip(ref reader, depthLeft - 1);
                }

                break;

            case MessagePackType.Map:
                CheckDepth(depthLeft);
                var entries = reader.ReadMapHeader();
                for (var i = 0; i < entries; i++)
                {
                    Skip(ref reader, depthLeft - 1);
                    Skip(ref reader, depthLeft - 1);
                }

                break;

            default:
                // Scalars, strings, binary, extensions: nothing nested. An invalid code throws.
                reader.Skip();
                break;
        }
    }

    private static void CheckDepth(int depthLeft)
    {
        if (depthLeft <= 0)
        {
            throw new InvalidDataException("MessagePack value nested too deeply");
        }
    }

    /// <summary>Whether a value is notepack 2's <c>undefined</c>: fixext 1 of extension type 0.</summary>
    private static bool IsUndefined(ReadOnlySpan<byte> value) => value.Length == 3 && value[0] == FixExt1 && value[1] == 0;

    /// <summary>The fields of a packet map, each the bytes of its value, or <see langword="null"/> when absent or <c>undefined</c>.</summary>
    private struct PacketFields
    {
        public ReadOnlyMemory<byte>? Type;
        public ReadOnlyMemory<byte>? Namespace;
        public ReadOnlyMemory<byte>? Data;
        public ReadOnlyMemory<byte>? Id;
    }

    private enum FieldKey
    {
        None,
        Type,
        Namespace,
        Data,
        Id,
    }
}
