namespace SocketIo.Server.Tests.Infrastructure;

/// <summary>
/// Tests whose user code blocks thread-pool threads on purpose (a listener that sleeps, middleware that waits on a
/// gate): run alone, so the threads they hold do not starve the other tests' servers and clients of their timeouts.
/// </summary>
[CollectionDefinition(nameof(ThreadBlockingTests), DisableParallelization = true)]
public sealed class ThreadBlockingTests;
