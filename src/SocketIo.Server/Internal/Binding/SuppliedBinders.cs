using Microsoft.Extensions.DependencyInjection;

namespace SocketIo.Server.Internal.Binding;

/// <summary>The binders of parameters the server supplies rather than reads from the client's arguments.</summary>
internal static class SuppliedBinders
{
    public static ParameterBinder<Socket> Socket { get; } = new SocketBinder();

    public static ParameterBinder<SocketIoAck> Ack { get; } = new AckBinder();

    public static ParameterBinder<SocketIoArguments> AllArguments { get; } = new AllArgumentsBinder();

    public static ParameterBinder<CancellationToken> Cancellation { get; } = new CancellationBinder();

    public static ParameterBinder<T> Service<T>() => new ServiceBinder<T>();

    private sealed class SocketBinder : ParameterBinder<Socket>
    {
        public override ParameterSource Source => ParameterSource.Socket;

        // A handler taking a socket is refused where there is none (server-side emits), so there always is one here.
        public override Socket Bind(HandlerContext context) => context.Socket!;
    }

    private sealed class AckBinder : ParameterBinder<SocketIoAck>
    {
        public override ParameterSource Source => ParameterSource.Ack;

        public override SocketIoAck Bind(HandlerContext context) => context.Ack;
    }

    private sealed class AllArgumentsBinder : ParameterBinder<SocketIoArguments>
    {
        public override ParameterSource Source => ParameterSource.AllArguments;

        public override SocketIoArguments Bind(HandlerContext context) => context.Arguments;
    }

    private sealed class CancellationBinder : ParameterBinder<CancellationToken>
    {
        public override ParameterSource Source => ParameterSource.Cancellation;

        public override CancellationToken Bind(HandlerContext context) => context.Cancellation;
    }

    private sealed class ServiceBinder<T> : ParameterBinder<T>
    {
        public override ParameterSource Source => ParameterSource.Service;

        // The handler runs in a scope whenever it takes a service.
        public override T Bind(HandlerContext context) => (T)context.Services!.GetRequiredService(typeof(T));
    }
}
