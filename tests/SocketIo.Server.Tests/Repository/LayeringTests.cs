using System.Reflection;
using System.Runtime.CompilerServices;

namespace SocketIo.Server.Tests.Repository;

/// <summary>
/// Which assemblies see which internals. The Socket.IO layer (and the Admin UI above it) uses only the public API of
/// the layers below; the codec internals are shared only where docs/architecture.md says why.
/// </summary>
public sealed class LayeringTests
{
    private static readonly string[] TestAssemblies = ["SocketIo.Protocol.Tests", "SocketIo.Redis.Tests", "SocketIo.Server.Tests", "SocketIo.Benchmarks.Micro"];

    [Theory]
    [InlineData(typeof(SocketIo.Protocol.Packets.PacketPayload), new[] { "SocketIo.Engine", "SocketIo.Adapters", "SocketIo.Redis" })]
    [InlineData(typeof(SocketIo.Adapters.Adapter), new[] { "SocketIo.Redis" })]
    [InlineData(typeof(SocketIo.Engine.EngineIoServer), new string[0])]
    [InlineData(typeof(SocketIoServer), new string[0])]
    public void Internals_are_visible_only_to_the_documented_assemblies(Type typeInAssembly, string[] libraries)
    {
        var friends = typeInAssembly.Assembly.GetCustomAttributes<InternalsVisibleToAttribute>()
            .Select(a => a.AssemblyName)
            .Except(TestAssemblies)
            .Order(StringComparer.Ordinal);
        Assert.Equal(libraries.Order(StringComparer.Ordinal), friends);
    }
}
