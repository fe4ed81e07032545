using Workbench.Core.Validation;

namespace Workbench.Core.Schemas;

/// <summary>A validation issue with the 1-based line and column of the failing value in the pasted output (0 when unknown).</summary>
public sealed record LocatedIssue(ValidationIssue Issue, int Line, int Column);
