using System.Net;
using SocketIo.Engine;
using SocketIo.Server.Tests.Infrastructure;
using Xunit.Abstractions;

namespace SocketIo.Server.Tests.Engine;

public sealed class HandlerFailureTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_handler_that_refuses_sessions_does_not_break_the_endpoint()
    {
        var handler = new ThrowingHandler();
        await using var host = await TestHost.StartAsync(app => app.MapEngineIo("/engine.io/", handler), output: output);
        using var http = new HttpClient { BaseAddress = host.BaseUri };
        for (var i = 0; i < 2; i++)
        {
            using var response = await http.GetAsync("engine.io/?EIO=4&transport=polling").WaitAsync(TestTimeouts.Default);
            Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        }

        Assert.Equal(2, handler.Calls);
        Assert.Contains(host.Logs, l => l.Contains("the handler threw", StringComparison.Ordinal));
    }

    private sealed class ThrowingHandler : IEngineIoHandler
    {
        private int _calls;

        public int Calls => _calls;

        public IEngineIoSessionHandler OnOpened(IEngineIoConnection connection)
        {
            Interlocked.Increment(ref _calls);
            throw new InvalidOperationException("refused (expected by the test)");
        }
    }
}
