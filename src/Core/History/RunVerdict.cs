namespace Workbench.Core.History;

/// <summary>A stored verdict: who, what, the (redacted) comment and when.</summary>
public sealed record RunVerdict(Guid Id, Guid RunId, string Reviewer, VerdictKind Verdict, string? Comment, DateTime CreatedAtUtc);
