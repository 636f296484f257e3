namespace SocketIo.Server.Internal.Binding;

/// <summary>Fills one handler parameter of type <typeparamref name="T"/>, without boxing.</summary>
internal abstract class ParameterBinder<T> : ParameterBinder
{
    public sealed override Type ParameterType => typeof(T);

    public abstract T Bind(HandlerContext context);

    public sealed override object? BindBoxed(HandlerContext context) => Bind(context);
}
