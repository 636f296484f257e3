using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SocketIo.Protocol.Packets;

namespace SocketIo.Server.Tests.Unit;

/// <summary>What a namespace object is and holds: a dynamic parent has no adapter, the reserved names are one list.</summary>
public sealed class NamespaceModelTests
{
    private readonly SocketIoServer _io = new(Options.Create(new SocketIoOptions()), NullLoggerFactory.Instance);

    [Fact]
    public async Task A_dynamic_parent_has_no_adapter_and_each_child_has_its_own()
    {
        var parent = _io.Of(new Regex("^/tenant-\\d+$"));
        var client = new UnitClient(_io);
        await client.ConnectAsync("/tenant-1");

        var error = Assert.Throws<InvalidOperationException>(() => parent.Adapter);
        Assert.Contains("Children", error.Message, StringComparison.Ordinal);
        var child = Assert.Single(parent.Children).Value;
        Assert.Single(child.Sockets);
        Assert.Contains(Assert.Single(child.Sockets).Key, child.Adapter.Rooms);
    }

    [Theory]
    [InlineData("connect")]
    [InlineData("connect_error")]
    [InlineData("disconnect")]
    [InlineData("disconnecting")]
    [InlineData("newListener")]
    [InlineData("removeListener")]
    public void Every_emit_refuses_the_reserved_names_the_decoder_refuses(string name)
    {
        Assert.Contains(name, ReservedEventNames.All);
        Assert.Throws<ArgumentException>(() => { _ = _io.EmitAsync(name); });
        Assert.Throws<ArgumentException>(() => { _ = _io.ServerSideEmitAsync(name); });

        var decoder = SocketIo.Protocol.Parsers.SocketIoParsers.Default.CreateDecoder(new SocketIoDecoderOptions());
        var status = decoder.DecodeText(System.Text.Encoding.UTF8.GetBytes($"2[\"{name}\"]"), out _, out var reason);
        Assert.Equal(SocketIoDecodeStatus.Error, status);
        Assert.Contains("reserved", reason, StringComparison.Ordinal);
    }
}
