namespace ConformanceServer;

/// <summary>The CORS policy both suites' browser runners need: any origin.</summary>
internal static class ConformanceCors
{
    public const string AnyOrigin = "any-origin";
}
