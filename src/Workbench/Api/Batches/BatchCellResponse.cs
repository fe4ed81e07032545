namespace Workbench.Api.Batches;

/// <summary>One cell of <c>GET /api/batches/{id}/runs</c>: the run of a case on a setting.</summary>
internal sealed record BatchCellResponse(
    int Case,
    int Setting,
    Guid RunId,
    string Status,
    string? StatusReason,
    int Attempts,
    long? LatencyMs,
    decimal? CostUsd,
    string? Expect,
    bool? Passed,
    string? ExpectationReason);
