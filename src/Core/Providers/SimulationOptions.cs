namespace Workbench.Core.Providers;

/// <summary><c>Workbench:Providers:&lt;name&gt;:Simulation</c>: pace and fault timings of a <c>simulated</c> provider.</summary>
public sealed class SimulationOptions
{
    /// <summary>Delay between streamed chunks; 0 streams as fast as possible.</summary>
    public int ChunkDelayMilliseconds { get; set; } = 15;

    /// <summary>Delay before the first chunk when the <c>slow-first-token</c> fault is active.</summary>
    public int SlowFirstTokenMilliseconds { get; set; } = 3000;

    /// <summary>Wait the simulated server asks for with <c>http-429</c>, <c>http-503</c> and <c>http-529</c> (Retry-After).</summary>
    public int RetryAfterMilliseconds { get; set; } = 2000;
}
