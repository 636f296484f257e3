using System.Collections.Immutable;

namespace SocketIo.Server.Internal;

/// <summary>Runs a middleware chain: a namespace's CONNECT middleware and a socket's per-packet middleware alike.</summary>
internal static class MiddlewareChain
{
    /// <summary>
    /// Runs <paramref name="middleware"/> in order, each given a continuation that runs the rest. Returns whether the
    /// chain passed (the last one called its continuation); an exception propagates out through the middleware before
    /// the one that threw, which may catch it around their <c>await next()</c>.
    /// </summary>
    public static Task<bool> RunAsync<T>(ImmutableArray<Func<T, Func<Task>, Task>> middleware, T context)
        => middleware.IsEmpty ? Task.FromResult(true) : RunFromAsync(middleware, 0, context);

    private static async Task<bool> RunFromAsync<T>(ImmutableArray<Func<T, Func<Task>, Task>> middleware, int index, T context)
    {
        if (index == middleware.Length)
        {
            return true;
        }

        var reachedEnd = false;
        await middleware[index](context, async () => reachedEnd = await RunFromAsync(middleware, index + 1, context).ConfigureAwait(false))
            .ConfigureAwait(false);
        return reachedEnd;
    }
}
