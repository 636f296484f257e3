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
    public static readonly SocketIoArguments Empty = new([], []);

    private readonly JsonElement[] _values;

    internal SocketIoArguments(JsonElement[] values, IReadOnlyList<byte[]> attachments)
    {
        _values = values;
        Attachments = attachments;
    }

    /// <summary>Gets the number of arguments.</summary>
    public int Count => _values.Length;

    /// <summary>Gets one argument as raw JSON (binary arguments appear as <c>{"_placeholder":true,"num":N}</c>).</summary>
    public JsonElement this[int index] => _values[index];

    /// <summary>Gets the binary attachments, in placeholder order.</summary>
    public IReadOnlyList<byte[]> Attachments { get; }

    internal ReadOnlySpan<JsonElement> Values => _values;

    /// <summary>
    /// Binds one argument with System.Text.Json (camelCase, like a browser's JSON). A placeholder binds to
    /// <c>byte[]</c>, also inside objects and arrays. A missing argument gives <see langword="default"/>.
    /// </summary>
    /// <typeparam name="T">The type to bind to.</typeparam>
    /// <param name="index">The argument's position, from 0.</param>
    public T? Get<T>(int index) => (T?)Get(index, typeof(T));

    /// <summary>Binds one argument to <paramref name="type"/>; see <see cref="Get{T}(int)"/>.</summary>
    public object? Get(int index, Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        if ((uint)index >= (uint)_values.Length)
        {
            return type.IsValueType ? Activator.CreateInstance(type) : null;
        }

        return ArgumentBinder.Bind(_values[index], type, Attachments);
    }

    /// <summary>Returns the arguments as a compact JSON array.</summary>
    public override string ToString() => "[" + string.Join(",", _values.Select(v => v.GetRawText())) + "]";
}
