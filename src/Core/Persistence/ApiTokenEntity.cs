namespace Workbench.Core.Persistence;

/// <summary>
/// A personal access token for the REST API. Only the SHA-256 hash of the token is stored; the token itself is
/// shown once when created. A token acts with its owner's current role, capped at <see cref="Role"/>.
/// </summary>
public sealed class ApiTokenEntity
{
    public Guid Id { get; set; }
    public required string UserId { get; set; }
    [Redact]
    public required string Name { get; set; }
    /// <summary>Lower-case hex SHA-256 of the whole token text.</summary>
    public required string TokenHash { get; set; }
    /// <summary>The first characters of the token (prefix and a few more), to recognise it in a list.</summary>
    public required string Hint { get; set; }
    /// <summary>The highest role the token may act with.</summary>
    public required string Role { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    public DateTime? ExpiresAtUtc { get; set; }
    public DateTime? LastUsedAtUtc { get; set; }
    public DateTime? RevokedAtUtc { get; set; }
}
