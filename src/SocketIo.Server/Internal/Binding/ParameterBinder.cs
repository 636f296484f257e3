namespace SocketIo.Server.Internal.Binding;

/// <summary>Fills one handler parameter from an event; chosen once per parameter type when the handler is added.</summary>
internal abstract class ParameterBinder
{
    public abstract ParameterSource Source { get; }

    public abstract Type ParameterType { get; }

    /// <summary>Binds the value, boxed (for handlers called through reflection).</summary>
    public abstract object? BindBoxed(HandlerContext context);
}
