namespace SocketIo.Server.Internal;

/// <summary>An event argument a client sent does not fit its handler's parameter: the client's mistake, logged in one line.</summary>
internal sealed class ArgumentBindingException : Exception
{
    public ArgumentBindingException()
    {
    }

    public ArgumentBindingException(string message)
        : base(message)
    {
    }

    public ArgumentBindingException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
