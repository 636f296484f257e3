using System.Runtime.InteropServices;
using SocketIo.Server.Tests.Infrastructure;
using SocketIo.Server.Tests.Packaging;
using SocketIo.Server.Tests.SocketIoLayer;
using Xunit.Abstractions;

namespace SocketIo.Server.Tests.Samples;

/// <summary>
/// The chat sample published with Native AOT (<c>PublishAot=true</c>): our libraries give the AOT compiler no warning,
/// and the native binary serves the real socket.io-client (connect, a refusal with data, a room message, an
/// acknowledgement). Needs the native toolchain the .NET SDK asks for on Linux (clang, zlib1g-dev).
/// </summary>
[Collection(nameof(MachineHeavyTests))]
public sealed class ChatAotTests(ITestOutputHelper output)
{
    /// <summary>A native compile of ASP.NET Core on a loaded 2-core machine takes minutes.</summary>
    private static readonly TimeSpan PublishTimeout = TimeSpan.FromMinutes(20);

    [Fact]
    public async Task The_chat_published_with_native_AOT_has_no_warning_from_our_assemblies_and_serves_a_client()
    {
        var publishDirectory = Directory.CreateTempSubdirectory("chat-aot-");
        try
        {
            var printed = await DotnetCli.RunAsync(
                ChatSampleProcess.RepositoryRoot,
                ["publish", Path.Combine("samples", "Chat", "Chat.csproj"), "-c", "Release", "-r", RuntimeInformation.RuntimeIdentifier,
                    "-p:PublishAot=true", "-o", publishDirectory.FullName],
                new Dictionary<string, string>(),
                PublishTimeout);
            var ours = printed.Split('\n').Where(l => l.Contains("warning", StringComparison.OrdinalIgnoreCase) && l.Contains("SocketIo.", StringComparison.Ordinal));
            Assert.Empty(ours);

            await using var sample = await ChatSampleProcess.StartPublishedAsync(Path.Combine(publishDirectory.FullName, "Chat"), ChatSampleProcess.FreePort(), output);
            var result = new DriverResult(await NodeScript.RunAsync(
                "socketio/driver.mjs",
                [sample.BaseUrl.ToString(), """
                    [{"op":"connect","auth":{"nick":"ann","room":"lobby"}},
                     {"op":"connect","client":"b","auth":{"nick":"bob","room":"lobby"}},
                     {"op":"connect","client":"c","auth":{"nick":"ann"}},
                     {"op":"emit","client":"b","event":"message","args":["hello"]},
                     {"op":"wait","event":"message","timeout":10000},
                     {"op":"emitWithAck","client":"b","event":"join","args":["kitchen"],"timeout":10000}]
                    """],
                output));

            Assert.True(result.Connect().GetProperty("ok").GetBoolean());
            var refused = result.Connect("c");
            Assert.False(refused.GetProperty("ok").GetBoolean());
            Assert.Equal("""{"nick":"ann"}""", refused.GetProperty("data").GetRawText());
            Assert.Equal("""[{"from":"bob","text":"hello","room":"lobby"}]""", Assert.Single(result.Received("message")));
            Assert.Equal("""["kitchen"]""", Assert.Single(result.Acks("b")).GetProperty("args").GetRawText());
        }
        finally
        {
            publishDirectory.Delete(recursive: true);
        }
    }
}
