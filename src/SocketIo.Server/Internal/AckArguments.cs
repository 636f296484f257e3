namespace SocketIo.Server.Internal;

/// <summary>Guards the <c>params</c> overloads of the awaited emits against a token passed as an event argument.</summary>
internal static class AckArguments
{
    /// <summary>
    /// Throws when an argument is a <see cref="CancellationToken"/>: <c>EmitWithAckAsync("e", token)</c> binds to the
    /// <c>params</c> overload and would send the token to the client instead of bounding the wait.
    /// </summary>
    public static void ThrowIfCancellationToken(object?[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        foreach (var arg in args)
        {
            if (arg is CancellationToken)
            {
                throw new ArgumentException(
                    "A CancellationToken is not an event argument. To cancel the wait, pass it after the arguments: EmitWithAckAsync(eventName, [arg1, arg2], cancellationToken).",
                    nameof(args));
            }
        }
    }
}
