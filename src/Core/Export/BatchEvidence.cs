namespace Workbench.Core.Export;

/// <summary>
/// The most recent batch over a template version's test cases, as far as export cares: whether it finished,
/// how many evaluated cases passed, which models ran it and when it finished.
/// </summary>
public sealed record BatchEvidence(
    Guid BatchId,
    bool Finished,
    int Evaluated,
    int Passed,
    IReadOnlyList<string> Models,
    DateTime? FinishedAtUtc)
{
    /// <summary>How the batch ended when it did not complete (cancelled, interrupted), or where it is (queued, running).</summary>
    public string? Status { get; init; }

    /// <summary>Passed / evaluated (0 when nothing was evaluated).</summary>
    public double PassRate => Evaluated <= 0 ? 0 : (double)Passed / Evaluated;
}
