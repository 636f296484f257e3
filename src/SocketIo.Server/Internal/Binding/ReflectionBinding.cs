namespace SocketIo.Server.Internal.Binding;

/// <summary>What the handler overloads that take any <see cref="Delegate"/> tell trimming and Native AOT analysis.</summary>
internal static class ReflectionBinding
{
    public const string DynamicCode =
        "Binds the delegate's parameters by reflection and calls it dynamically. Use the typed overloads (a lambda with typed parameters picks them), which need no reflection.";

    public const string UnreferencedCode =
        "Reads the delegate's signature by reflection and binds parameter types that trimming cannot see. Use the typed overloads (a lambda with typed parameters picks them).";
}
