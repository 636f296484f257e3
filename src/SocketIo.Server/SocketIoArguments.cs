using System.Text.Json;
using SocketIo.Server.Internal;

namespace SocketIo.Server;

/// <summary>
/// The arguments of an event or an acknowledgement as the client sent them: JSON values, plus the binary
/// attachments their placeholders point to. Bind one with <see cref="Get{T}(int)"/>, or pass the whole object to an
/// emit to send the same arguments on (binary included).
/// </summary>
public sealed class SocketIoArguments
{
    /// <summary>An empty argument list.</summary>
    public static readonly SocketIoArguments Empty = new([], [], SocketIoSerializer.Default);

    private readonly JsonElement[] _values;

    /// <summary>
    /// Initializes arguments as a client could have sent them, for tests and fakes: they bind with the default
    /// serializer options (<see cref="SocketIo.Protocol.Packets.SocketIoJson.CreateSerializerOptions"/>), not a server's.
    /// </summary>
    /// <param name="values">The arguments; binary ones as placeholders (<c>{"_placeholder":true,"num":N}</c>).</param>
    /// <param name="attachments">The binary attachments the placeholders point to.</param>
    public SocketIoArguments(IEnumerable<JsonElement> values, IReadOnlyList<byte[]>? attachments = null)
        : this([.. (values ?? throw new ArgumentNullException(nameof(values))).Select(static v => v.Clone())], attachments ?? [], SocketIoSerializer.Default)
    {
    }

    internal SocketIoArguments(JsonElement[] values, IReadOnlyList<byte[]> attachments, SocketIoSerializer serializer)
    {
        _values = values;
        Attachments = attachments;
        Serializer = serializer;
    }

    /// <summary>Gets the number of arguments.</summary>
    public int Count => _values.Length;

    /// <summary>Gets one argument as raw JSON (binary arguments appear as <c>{"_placeholder":true,"num":N}</c>).</summary>
    public JsonElement this[int index] => _values[index];

    /// <summary>Gets the binary attachments, in placeholder order.</summary>
    public IReadOnlyList<byte[]> Attachments { get; }

    internal ReadOnlySpan<JsonElement> Values => _values;

    /// <summary>The serializer of the server that received the arguments, which binds them.</summary>
    internal SocketIoSerializer Serializer { get; }

    /// <summary>
    /// Binds one argument with the server's serializer (<see cref="SocketIoOptions.JsonSerializerOptions"/>: camelCase
    /// by default, like a browser's JSON). A placeholder binds to <c>byte[]</c>, also inside objects and arrays. A
    /// missing argument gives <see langword="default"/>.
    /// </summary>
    /// <typeparam name="T">The type to bind to.</typeparam>
    /// <param name="index">The argument's position, from 0.</param>
    /// <exception cref="JsonException">The argument does not fit <typeparamref name="T"/>.</exception>
    /// <exception cref="NotSupportedException">The serializer has no metadata for <typeparamref name="T"/> (Native AOT: add it to your <c>JsonSerializerContext</c>).</exception>
    public T? Get<T>(int index)
        => (uint)index < (uint)_values.Length ? ArgumentBinder.Bind(_values[index], Serializer.GetTypeInfo<T>(), Attachments) : default;

    /// <summary>Binds one argument to <paramref name="type"/>; see <see cref="Get{T}(int)"/>. A missing argument gives <see langword="null"/>.</summary>
    public object? Get(int index, Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return (uint)index < (uint)_values.Length ? ArgumentBinder.Bind(_values[index], Serializer.GetTypeInfo(type), Attachments) : null;
    }

    /// <summary>Returns the arguments as a compact JSON array.</summary>
    public override string ToString() => "[" + string.Join(",", _values.Select(v => v.GetRawText())) + "]";
}
