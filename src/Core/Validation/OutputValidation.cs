namespace Workbench.Core.Validation;

/// <summary>
/// The result of checking a model output against a JSON Schema.
/// <see cref="Json"/> is the extracted JSON text (null when nothing could be extracted);
/// <see cref="Issues"/> lists every problem, ordered by path.
/// </summary>
public sealed record OutputValidation(bool IsValid, string? Json, IReadOnlyList<ValidationIssue> Issues);
