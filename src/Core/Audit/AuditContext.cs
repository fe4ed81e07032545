namespace Workbench.Core.Audit;

/// <summary>
/// The acting user and client address of the current request or circuit event, flowing with the async call (an
/// <see cref="AsyncLocal{T}"/>). The web app sets it once per request and per circuit event, so Core services record
/// who did what without every method taking an actor parameter. Background work has none: it records "system".
/// </summary>
public static class AuditContext
{
    private static readonly AsyncLocal<AuditOrigin?> Ambient = new();

    /// <summary>The origin of the work in progress, or null (background work, tests that set none).</summary>
    public static AuditOrigin? Current => Ambient.Value;

    /// <summary>Makes <paramref name="origin"/> current until the returned scope is disposed.</summary>
    public static IDisposable Use(AuditOrigin? origin)
    {
        var previous = Ambient.Value;
        Ambient.Value = origin;
        return new Scope(previous);
    }

    private sealed class Scope(AuditOrigin? previous) : IDisposable
    {
        public void Dispose() => Ambient.Value = previous;
    }
}
