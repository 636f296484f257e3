namespace SocketIo.Server.Tests.Infrastructure;

/// <summary>
/// Tests that keep every core busy for minutes (a Native AOT publish): run alone, so that the other tests' servers and
/// clients are not starved past their timeouts meanwhile.
/// </summary>
[CollectionDefinition(nameof(MachineHeavyTests), DisableParallelization = true)]
public sealed class MachineHeavyTests;
