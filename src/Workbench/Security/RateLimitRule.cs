using System.ComponentModel.DataAnnotations;

namespace Workbench.Security;

/// <summary>One fixed-window limit: at most <see cref="PermitLimit"/> requests per <see cref="WindowSeconds"/>. 0 permits = no limit.</summary>
public sealed class RateLimitRule
{
    [Range(0, 1_000_000)]
    public int PermitLimit { get; set; }

    [Range(1, 86_400)]
    public int WindowSeconds { get; set; } = 60;

    public bool IsOn => PermitLimit > 0;

    public TimeSpan Window => TimeSpan.FromSeconds(WindowSeconds);
}
