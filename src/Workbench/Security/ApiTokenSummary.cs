namespace Workbench.Security;

/// <summary>One row of the API tokens page. Never carries the token or its hash.</summary>
public sealed record ApiTokenSummary(
    Guid Id,
    string UserId,
    string OwnerEmail,
    string Name,
    string Hint,
    string Role,
    DateTime CreatedAtUtc,
    DateTime? ExpiresAtUtc,
    DateTime? LastUsedAtUtc,
    DateTime? RevokedAtUtc)
{
    public bool IsRevoked => RevokedAtUtc is not null;

    public bool IsExpiredAt(DateTime nowUtc) => ExpiresAtUtc is { } expires && expires <= nowUtc;
}
