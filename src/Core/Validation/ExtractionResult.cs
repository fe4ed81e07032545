namespace Workbench.Core.Validation;

/// <summary>
/// The outcome of <see cref="JsonExtractor.Extract(string?, ValidationLimits?)"/>. On success <see cref="Json"/> is the
/// extracted text exactly as written in the output. On failure <see cref="Reason"/> says why, and
/// <see cref="Line"/>/<see cref="Column"/> (1-based, 0 when unknown) point at the problem in the output.
/// </summary>
public sealed record ExtractionResult(
    string? Json,
    ExtractionStep Step,
    ExtractionFailure Failure,
    string? Reason,
    int Line,
    int Column)
{
    /// <summary>True when JSON was extracted.</summary>
    public bool Success => Json is not null;
}
