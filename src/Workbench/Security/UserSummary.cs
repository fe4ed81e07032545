namespace Workbench.Security;

/// <summary>One row of the users page.</summary>
public sealed record UserSummary(string Id, string Email, string Role, bool Disabled, bool LockedOut, DateTime CreatedAtUtc);
