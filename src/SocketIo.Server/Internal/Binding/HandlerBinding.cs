namespace SocketIo.Server.Internal.Binding;

/// <summary>
/// How to call handlers of one delegate type: a binder per parameter, how a result becomes the acknowledgement, and what
/// the parameters ask for. It holds no handler, so one server makes it once per delegate type and every
/// <see cref="BoundHandler"/> of that type shares it: a socket that adds its handlers as it connects pays for neither
/// the binders' lookups nor their references.
/// </summary>
internal abstract class HandlerBinding
{
    protected HandlerBinding(ReadOnlySpan<ParameterBinder> parameters)
    {
        foreach (var parameter in parameters)
        {
            switch (parameter.Source)
            {
                case ParameterSource.Argument:
                    ArgumentCount++;
                    break;
                case ParameterSource.AllArguments:
                    TakesAllArguments = true;
                    break;
                case ParameterSource.Ack:
                    AnswersItself = true;
                    break;
                case ParameterSource.Socket:
                    TakesSocket = true;
                    break;
                case ParameterSource.Service:
                    NeedsScope = true;
                    break;
            }
        }
    }

    /// <summary>Gets a value indicating whether a parameter is the receiving <see cref="Socket"/> (refused where there is none).</summary>
    public bool TakesSocket { get; }

    /// <summary>Gets a value indicating whether a parameter is the <see cref="SocketIoAck"/>, so the result is not the answer.</summary>
    public bool AnswersItself { get; }

    /// <summary>Gets a value indicating whether a parameter is a service, resolved in a scope per call.</summary>
    public bool NeedsScope { get; }

    /// <summary>Gets how many parameters are JSON arguments.</summary>
    protected int ArgumentCount { get; }

    /// <summary>Gets the fewest arguments the handler accepts: its JSON parameters, but for those with a default value.</summary>
    protected virtual int MinArguments => ArgumentCount;

    private bool TakesAllArguments { get; }

    /// <summary>Binds the parameters in order and calls <paramref name="handler"/>; returns its answer or <see cref="HandlerResult.None"/>.</summary>
    public abstract ValueTask<object?> InvokeAsync(Delegate handler, HandlerContext context);

    /// <summary>Throws <see cref="ArgumentBindingException"/> when the client sent more or fewer arguments than the handler takes.</summary>
    public void CheckArgumentCount(int sent)
    {
        if (TakesAllArguments && sent >= MinArguments)
        {
            return;
        }

        if (sent < MinArguments || sent > ArgumentCount)
        {
            var takes = MinArguments == ArgumentCount ? $"{ArgumentCount}" : $"{MinArguments} to {ArgumentCount}";
            throw new ArgumentBindingException(
                $"the handler takes {takes} argument{(ArgumentCount == 1 ? "" : "s")}, the client sent {sent}");
        }
    }
}
