namespace Workbench.Core.Audit;

/// <summary>
/// A page of the audit trail, newest first. Filters: <see cref="Actor"/> (user name or id, exact),
/// <see cref="Action"/> (one of <see cref="AuditActions"/>), <see cref="Target"/> (target id or name, exact, or
/// a substring of the name), and a UTC range [<see cref="FromUtc"/>, <see cref="ToUtc"/>).
/// </summary>
public sealed record AuditQuery
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 200;

    public string? Actor { get; init; }
    public string? Action { get; init; }
    public string? Target { get; init; }
    public DateTime? FromUtc { get; init; }
    public DateTime? ToUtc { get; init; }

    /// <summary>1-based page number.</summary>
    public int Page { get; init; } = 1;

    public int PageSize { get; init; } = DefaultPageSize;
}
