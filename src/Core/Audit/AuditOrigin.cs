namespace Workbench.Core.Audit;

/// <summary>Who is acting and from where, for the audit entries written while it is current (see <see cref="AuditContext"/>).</summary>
/// <param name="UserId">The account id ("local" in local mode); null when nobody is signed in.</param>
/// <param name="UserName">The account's user name (its e-mail address) or "local"; null when nobody is signed in.</param>
/// <param name="ClientIp">The remote address of the request or circuit, if known.</param>
public sealed record AuditOrigin(string? UserId, string? UserName, string? ClientIp);
