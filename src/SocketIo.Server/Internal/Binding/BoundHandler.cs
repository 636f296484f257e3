using Microsoft.Extensions.DependencyInjection;

namespace SocketIo.Server.Internal.Binding;

/// <summary>
/// A handler the application added, with the binding of its delegate type. Calling it checks the argument count, binds
/// each parameter (in a service scope when one is a service), calls the handler and sends its answer as the
/// acknowledgement unless it takes the <see cref="SocketIoAck"/> itself.
/// </summary>
internal sealed class BoundHandler(Delegate original, HandlerBinding binding, bool once)
{
    /// <summary>Set by the one caller that runs a handler added with <c>Once</c>.</summary>
    private int _claimed;

    /// <summary>Gets the delegate the application passed (what <c>Off(event, handler)</c> compares).</summary>
    public Delegate Original { get; } = original;

    /// <summary>Gets a value indicating whether the handler runs for one event only.</summary>
    public bool Once { get; } = once;

    /// <summary>Gets how the handler is called, shared with every handler of its delegate type on this server.</summary>
    public HandlerBinding Binding { get; } = binding;

    /// <summary>Gets a value indicating whether a parameter is the receiving <see cref="Socket"/> (refused where there is none).</summary>
    public bool TakesSocket => Binding.TakesSocket;

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
        Binding.CheckArgumentCount(context.Arguments.Count);
        context.NextArgument = 0;
        object? result;
        if (Binding.NeedsScope)
        {
            var scope = context.Server.ServiceScopes!.CreateAsyncScope();
            await using (scope.ConfigureAwait(false))
            {
                context.Services = scope.ServiceProvider;
                try
                {
                    result = await Binding.InvokeAsync(Original, context).ConfigureAwait(false);
                }
                finally
                {
                    context.Services = null;
                }
            }
        }
        else
        {
            result = await Binding.InvokeAsync(Original, context).ConfigureAwait(false);
        }

        if (!ReferenceEquals(result, HandlerResult.None) && !Binding.AnswersItself)
        {
            context.Ack.SendResult(result);
        }
    }
}
