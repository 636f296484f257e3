using Microsoft.Extensions.DependencyInjection;

namespace SocketIo.Server.Internal.Binding;

/// <summary>
/// A handler with its parameters' binders, chosen once when it was added. Calling it checks the argument count, binds
/// each parameter (in a service scope when one is a service), calls the handler and sends its answer as the
/// acknowledgement unless it takes the <see cref="SocketIoAck"/> itself.
/// </summary>
internal abstract class BoundHandler
{
    /// <summary>Set by the one caller that runs a handler added with <c>Once</c>.</summary>
    private int _claimed;

    protected BoundHandler(Delegate original, ReadOnlySpan<ParameterBinder> parameters, bool once)
    {
        Original = original;
        Once = once;
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

    /// <summary>Gets the delegate the application passed (what <c>Off(event, handler)</c> compares).</summary>
    public Delegate Original { get; }

    /// <summary>Gets a value indicating whether the handler runs for one event only.</summary>
    public bool Once { get; }

    /// <summary>Gets a value indicating whether a parameter is the receiving <see cref="Socket"/> (refused where there is none).</summary>
    public bool TakesSocket { get; }

    /// <summary>Gets how many parameters are JSON arguments.</summary>
    protected int ArgumentCount { get; }

    /// <summary>Gets the fewest arguments the handler accepts: its JSON parameters, but for those with a default value.</summary>
    protected virtual int MinArguments => ArgumentCount;

    private bool TakesAllArguments { get; }

    private bool AnswersItself { get; }

    private bool NeedsScope { get; }

    /// <summary>Tells whether <paramref name="handler"/> is the one the application added (the same method on the same target).</summary>
    public bool Wraps(Delegate handler) => Original.Method == handler.Method && ReferenceEquals(Original.Target, handler.Target);

    /// <summary>Takes the one run of a <c>Once</c> handler; always true for the others.</summary>
    public bool TryClaim() => !Once || Interlocked.Exchange(ref _claimed, 1) == 0;

    /// <summary>
    /// Binds and calls the handler, then answers the acknowledgement with its result. Throws
    /// <see cref="ArgumentBindingException"/> when the arguments do not fit, and whatever the handler throws.
    /// </summary>
    public async ValueTask InvokeAsync(HandlerContext context)
    {
        CheckArgumentCount(context.Arguments.Count);
        context.NextArgument = 0;
        object? result;
        if (NeedsScope)
        {
            var scope = context.Server.ServiceScopes!.CreateAsyncScope();
            await using (scope.ConfigureAwait(false))
            {
                context.Services = scope.ServiceProvider;
                try
                {
                    result = await InvokeCoreAsync(context).ConfigureAwait(false);
                }
                finally
                {
                    context.Services = null;
                }
            }
        }
        else
        {
            result = await InvokeCoreAsync(context).ConfigureAwait(false);
        }

        if (!ReferenceEquals(result, HandlerResult.None) && !AnswersItself)
        {
            context.Ack.SendResult(result);
        }
    }

    /// <summary>Binds the parameters in order and calls the handler; returns its answer or <see cref="HandlerResult.None"/>.</summary>
    protected abstract ValueTask<object?> InvokeCoreAsync(HandlerContext context);

    private void CheckArgumentCount(int sent)
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
