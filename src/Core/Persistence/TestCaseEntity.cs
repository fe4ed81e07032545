using Workbench.Core.Batches;

namespace Workbench.Core.Persistence;

/// <summary>
/// One stored test case of a template's named test set: variable values and an expectation. Values are marked
/// <see cref="RedactAttribute"/>: what is stored (and so what a stored set runs with) is the redacted form.
/// </summary>
public sealed class TestCaseEntity
{
    public Guid Id { get; set; }
    public Guid TemplateId { get; set; }
    public required string SetName { get; set; }
    public int Position { get; set; }
    [Redact(IsJson = true)]
    public string VariablesJson { get; set; } = "{}";
    public ExpectationKind ExpectationKind { get; set; }
    /// <summary>The expected JSON of an equals-json expectation.</summary>
    [Redact(IsJson = true)]
    public string? ExpectedJson { get; set; }
    /// <summary>The expected text of a contains-text expectation.</summary>
    [Redact]
    public string? ExpectedText { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    public DateTime UpdatedAtUtc { get; set; }
}
