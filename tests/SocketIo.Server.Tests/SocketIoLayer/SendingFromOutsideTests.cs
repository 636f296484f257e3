using System.Net;
using System.Text;
using System.Threading.Channels;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SocketIo.Server.Tests.Infrastructure;
using Xunit.Abstractions;

namespace SocketIo.Server.Tests.SocketIoLayer;

/// <summary>Sending without a socket in hand: from a background service, and volatile sends to a busy client.</summary>
public sealed class SendingFromOutsideTests(ITestOutputHelper output)
{
    /// <summary>A hosted service that emits to a room whatever the test writes into its channel.</summary>
    private sealed class Announcer(SocketIoServer io, Channel<string> news) : BackgroundService
    {
        protected override async Task ExecuteAsync(CancellationToken stoppingToken)
        {
            await foreach (var item in news.Reader.ReadAllAsync(stoppingToken))
            {
                await io.To("subscribers").EmitAsync("announcement", item);
            }
        }
    }

    [Fact]
    public async Task A_background_service_emits_through_the_injected_server()
    {
        var news = Channel.CreateUnbounded<string>();
        var subscribed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await SocketIoTestServer.StartAsync(
            output,
            io => io.OnConnection(socket => socket.On("subscribe", () =>
            {
                socket.Join("subscribers");
                subscribed.TrySetResult();
            })),
            builder: b =>
            {
                b.Services.AddSingleton(news);
                b.Services.AddHostedService<Announcer>();
            });

        await using var client = NodeScript.Start(
            "socketio/driver.mjs",
            [server.Host.BaseUri.ToString(), """[{"op":"connect"},{"op":"connect","client":"other"},{"op":"emit","event":"subscribe"},{"op":"wait","event":"announcement","timeout":10000}]"""],
            output);
        await subscribed.Task.WaitAsync(TestTimeouts.Default);
        await news.Writer.WriteAsync("release 1.0");
        var result = new DriverResult(await client.WaitForExitAsync());

        Assert.Equal("[\"release 1.0\"]", Assert.Single(result.Received("announcement")));
        Assert.Empty(result.Received("announcement", "other"));
    }

    /// <summary>The same service written against the interface, as an application would to test it with a fake.</summary>
    private sealed class InterfaceAnnouncer(ISocketIoServer io, Channel<string> news) : BackgroundService
    {
        protected override async Task ExecuteAsync(CancellationToken stoppingToken)
        {
            await foreach (var item in news.Reader.ReadAllAsync(stoppingToken))
            {
                await io.Of("/news").To("subscribers").EmitAsync("announcement", item);
            }
        }
    }

    [Fact]
    public async Task A_background_service_emits_through_the_injected_interface_to_a_namespace_configured_through_DI()
    {
        var news = Channel.CreateUnbounded<string>();
        var subscribed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await SocketIoTestServer.StartAsync(
            output,
            _ => { },
            builder: b =>
            {
                b.Services.AddSingleton(news);
                b.Services.AddHostedService<InterfaceAnnouncer>();
                // A module configures its namespace without the endpoint builder, with the application's services.
                b.Services.ConfigureSocketIoNamespace("/news", (nsp, services) => nsp.OnConnection(socket => socket.On("subscribe", () =>
                {
                    socket.Join("subscribers");
                    Assert.Same(news, services.GetRequiredService<Channel<string>>());
                    subscribed.TrySetResult();
                })));
            });

        await using var client = NodeScript.Start(
            "socketio/driver.mjs",
            [server.Host.BaseUri.ToString(), """[{"op":"connect","nsp":"/news"},{"op":"connect","nsp":"/news","client":"other"},{"op":"emit","event":"subscribe"},{"op":"wait","event":"announcement","timeout":10000}]"""],
            output);
        await subscribed.Task.WaitAsync(TestTimeouts.Default);
        await news.Writer.WriteAsync("release 2.0");
        var result = new DriverResult(await client.WaitForExitAsync());

        Assert.Equal("[\"release 2.0\"]", Assert.Single(result.Received("announcement")));
        Assert.Empty(result.Received("announcement", "other"));
        Assert.Same(server.Io, server.Host.Services.GetRequiredService<ISocketIoServer>());
    }

    [Fact]
    public async Task Volatile_emits_are_dropped_for_a_client_that_cannot_take_them_now()
    {
        await using var server = await SocketIoTestServer.StartAsync(output, _ => { });
        using var http = new HttpClient();

        var open = await http.GetStringAsync(server.Host.Url("socket.io/?EIO=4&transport=polling")).WaitAsync(TestTimeouts.Default);
        var sid = System.Text.Json.JsonDocument.Parse(open[1..]).RootElement.GetProperty("sid").GetString();
        var session = server.Host.Url($"socket.io/?EIO=4&transport=polling&sid={sid}");
        using var connect = await http.PostAsync(session, new StringContent("40", Encoding.UTF8, "text/plain")).WaitAsync(TestTimeouts.Default);
        Assert.Equal(HttpStatusCode.OK, connect.StatusCode);
        Assert.StartsWith("40{\"sid\":", await http.GetStringAsync(session).WaitAsync(TestTimeouts.Default), StringComparison.Ordinal);

        // No GET is pending now: the client cannot take anything until it polls again.
        await server.Io.Volatile.EmitAsync("typing");
        await server.Io.EmitAsync("message", "kept");
        await server.Io.Volatile.EmitAsync("typing");

        Assert.Equal("42[\"message\",\"kept\"]", await http.GetStringAsync(session).WaitAsync(TestTimeouts.Default));
    }
}
