using Microsoft.Extensions.Options;

namespace Workbench.Security;

/// <summary>
/// The <c>Workbench:Security:RateLimits</c> section (team mode). Sign-in posts are limited per client address and per
/// account name; <c>/api</c> requests per token (or signed-in account, or address when anonymous).
/// </summary>
public sealed class RateLimitRules
{
    [ValidateObjectMembers]
    public RateLimitRule SignInPerAddress { get; set; } = new() { PermitLimit = 10 };

    [ValidateObjectMembers]
    public RateLimitRule SignInPerAccount { get; set; } = new() { PermitLimit = 10 };

    [ValidateObjectMembers]
    public RateLimitRule Api { get; set; } = new() { PermitLimit = 600 };
}
