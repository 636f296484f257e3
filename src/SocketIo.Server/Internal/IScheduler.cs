namespace SocketIo.Server.Internal;

/// <summary>Runs a short callback after a delay; disposing the handle cancels it.</summary>
internal interface IScheduler
{
    IDisposable Schedule(TimeSpan delay, Action callback);
}
