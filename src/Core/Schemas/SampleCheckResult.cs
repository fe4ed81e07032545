using Workbench.Core.Validation;

namespace Workbench.Core.Schemas;

/// <summary>
/// A sample output checked against a schema: the validation, which extraction step found the JSON
/// (<see cref="ExtractionStep.None"/> when none), and each issue located in the output text.
/// </summary>
public sealed record SampleCheckResult(OutputValidation Validation, ExtractionStep Step, IReadOnlyList<LocatedIssue> Issues);
