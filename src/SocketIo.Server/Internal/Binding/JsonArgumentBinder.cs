using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace SocketIo.Server.Internal.Binding;

/// <summary>Binds the next event argument to <typeparamref name="T"/> with the metadata the server's serializer has for it.</summary>
internal sealed class JsonArgumentBinder<T>(JsonTypeInfo<T> info) : ParameterBinder<T>
{
    public override ParameterSource Source => ParameterSource.Argument;

    /// <summary>The argument count was checked before binding: the argument is there.</summary>
    public override T Bind(HandlerContext context)
    {
        var index = context.NextArgument++;
        var arguments = context.Arguments;
        try
        {
            return ArgumentBinder.Bind(arguments[index], info, arguments.Attachments)!;
        }
        catch (Exception e) when (e is JsonException or NotSupportedException or InvalidOperationException or FormatException or OverflowException)
        {
            throw new ArgumentBindingException($"argument {index + 1} is not {TypeNames.Describe(typeof(T))} ({e.Message})", e);
        }
    }
}
