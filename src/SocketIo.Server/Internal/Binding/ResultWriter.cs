using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace SocketIo.Server.Internal.Binding;

/// <summary>
/// How a handler's result of type <typeparamref name="T"/> becomes the acknowledgement's argument, decided when the
/// handler is added: raw JSON, arguments, binary and primitives as they are; anything else with the metadata of
/// <typeparamref name="T"/> (its declared type, so a result typed as an interface needs no metadata of the class behind it).
/// </summary>
internal sealed class ResultWriter<T>
{
    private readonly JsonTypeInfo<T>? _info;

    private ResultWriter(JsonTypeInfo<T>? info) => _info = info;

    public object? Wrap(T value) => _info is null || value is null ? value : new TypedArgument<T>(value, _info);

    /// <exception cref="ArgumentException">The type is a task, or the serializer has no metadata for it.</exception>
    public static ResultWriter<T> Create(SocketIoSerializer serializer)
    {
        var type = typeof(T);
        if (typeof(Task).IsAssignableFrom(type) || type == typeof(ValueTask) || (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(ValueTask<>)))
        {
            throw new ArgumentException(
                $"A handler that returns {TypeNames.Name(type)} must be passed as an asynchronous handler (Func<…, Task<TResult>> or Func<…, ValueTask<TResult>>), not as one whose result is the task itself.");
        }

        if (IsWrittenAsIs(type))
        {
            return new ResultWriter<T>(null);
        }

        try
        {
            return new ResultWriter<T>(serializer.GetTypeInfo<T>());
        }
        catch (NotSupportedException e)
        {
            throw new ArgumentException(
                $"A handler's result of type {TypeNames.Name(type)} cannot be written as JSON: the serializer has no metadata for it. "
                + "Add the type to a JsonSerializerContext and insert it in SocketIoOptions.JsonSerializerOptions.TypeInfoResolverChain.",
                e);
        }
    }

    /// <summary>What the argument writer handles itself (and <see cref="object"/>, written by its runtime type).</summary>
    private static bool IsWrittenAsIs(Type type)
        => type == typeof(object) || type == typeof(string) || type == typeof(bool) || type == typeof(int) || type == typeof(long)
            || type == typeof(double) || type == typeof(byte[]) || type == typeof(ReadOnlyMemory<byte>) || type == typeof(Memory<byte>)
            || type == typeof(ArraySegment<byte>) || type == typeof(JsonElement) || type == typeof(SocketIoArguments);
}
