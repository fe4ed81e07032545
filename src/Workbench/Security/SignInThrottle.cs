using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Workbench.Security;

/// <summary>
/// The per-account limit on sign-in attempts (<c>Workbench:Security:RateLimits:SignInPerAccount</c>), keyed by the
/// normalised e-mail address typed, whether or not the account exists (so the answer reveals nothing). The per-address
/// limit is the app-wide rate limiter's (<see cref="RateLimiting"/>).
/// </summary>
public sealed class SignInThrottle : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter;
    private readonly RateLimitRule _rule;

    public SignInThrottle(IOptions<SecurityOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _rule = options.Value.RateLimits.SignInPerAccount;
        var rule = _rule;
        _limiter = PartitionedRateLimiter.Create<string, string>(account => rule.IsOn
            ? RateLimitPartition.GetFixedWindowLimiter(account, _ => new FixedWindowRateLimiterOptions { PermitLimit = rule.PermitLimit, Window = rule.Window, QueueLimit = 0 })
            : RateLimitPartition.GetNoLimiter(account));
    }

    /// <summary>Takes one attempt for <paramref name="email"/>; when refused, how long to wait.</summary>
    public (bool Allowed, TimeSpan RetryAfter) TryAttempt(string? email)
    {
        var key = (email ?? "").Trim().ToUpperInvariant();
        using var lease = _limiter.AttemptAcquire(key);
        if (lease.IsAcquired)
        {
            return (true, TimeSpan.Zero);
        }

        return (false, lease.TryGetMetadata(MetadataName.RetryAfter, out var retry) ? retry : _rule.Window);
    }

    public void Dispose() => _limiter.Dispose();
}
