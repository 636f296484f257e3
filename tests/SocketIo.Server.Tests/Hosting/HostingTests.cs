using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SocketIo.Server.Tests.Infrastructure;

namespace SocketIo.Server.Tests.Hosting;

/// <summary>AddSocketIo / MapSocketIo as an ASP.NET Core developer meets them.</summary>
public sealed class HostingTests
{
    [Fact]
    public void MapSocketIo_without_AddSocketIo_says_what_to_call()
    {
        var app = WebApplication.CreateSlimBuilder().Build();

        var error = Assert.Throws<InvalidOperationException>(() => app.MapSocketIo());

        Assert.Contains("builder.Services.AddSocketIo()", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invalid_options_fail_the_start_with_a_message_naming_each_setting()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddSocketIo(o =>
        {
            o.PingInterval = TimeSpan.Zero;
            o.MaxAttachments = 0;
            o.AllowPolling = false;
            o.AllowWebSocket = false;
            o.AllowEio3 = true;
            o.Parser = SocketIo.Protocol.Parsers.SocketIoParsers.MessagePack;
        });
        await using var app = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync().WaitAsync(TestTimeouts.Default));

        Assert.Contains("AllowEio3 needs the default parser", error.Message, StringComparison.Ordinal);
        Assert.Contains("PingInterval must be positive", error.Message, StringComparison.Ordinal);
        Assert.Contains("MaxAttachments must be between 1 and 1000", error.Message, StringComparison.Ordinal);
        Assert.Contains("enable at least one transport", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_bind_from_configuration_and_code_runs_after()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["SocketIo:PingInterval"] = "00:00:10",
            ["SocketIo:ConnectTimeout"] = "00:00:05",
            ["SocketIo:Path"] = "/realtime/",
            ["SocketIo:MaxHttpBufferSize"] = "2048",
            ["SocketIo:AllowEio3"] = "true",
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging();

        services.AddSocketIo(configuration.GetSection("SocketIo"), o => o.MaxHttpBufferSize *= 2);
        var options = services.BuildServiceProvider().GetRequiredService<IOptions<SocketIoOptions>>().Value;

        Assert.Equal(TimeSpan.FromSeconds(10), options.PingInterval);
        Assert.Equal(TimeSpan.FromSeconds(5), options.ConnectTimeout);
        Assert.Equal("/realtime/", options.Path);
        Assert.Equal(4096, options.MaxHttpBufferSize);
        Assert.True(options.AllowEio3);
        Assert.Equal(TimeSpan.FromSeconds(20), options.PingTimeout); // untouched: Node's default
        Assert.False(new SocketIoOptions().AllowEio3); // off unless asked for
    }

    [Fact]
    public async Task The_path_option_moves_the_endpoint()
    {
        await using var host = await TestHost.StartAsync(
            app => app.MapSocketIo(),
            b => b.Services.AddSocketIo(o => o.Path = "/realtime/"));
        using var http = new HttpClient();

        var open = await http.GetStringAsync(host.Url("realtime/?EIO=4&transport=polling")).WaitAsync(TestTimeouts.Default);
        using var old = await http.GetAsync(host.Url("socket.io/?EIO=4&transport=polling")).WaitAsync(TestTimeouts.Default);

        Assert.StartsWith("0{\"sid\":", open, StringComparison.Ordinal);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, old.StatusCode);
    }
}
