using Workbench.Core.History;

namespace Workbench.Core.Persistence;

/// <summary>A reviewer's verdict on a run (approve, reject, needs work) with a comment that is redacted on its way in.</summary>
public sealed class RunVerdictEntity
{
    public Guid Id { get; set; }
    public Guid RunId { get; set; }
    public required string Reviewer { get; set; }
    public VerdictKind Verdict { get; set; }
    [Redact]
    public string? Comment { get; set; }
    public DateTime CreatedAtUtc { get; set; }
}
