namespace Workbench.Api.Batches;

/// <summary><c>GET /api/batches/{id}</c>: status, counts read from the stored runs, timestamps and per-setting pass rates.</summary>
internal sealed record BatchResponse(
    Guid Id,
    string Status,
    string? StatusReason,
    string Template,
    int Version,
    string? TestSet,
    int Cases,
    int Total,
    int Queued,
    int Running,
    int Completed,
    int Valid,
    int Repaired,
    int Invalid,
    int Failed,
    int Cancelled,
    int Interrupted,
    int Evaluated,
    int Passed,
    int Concurrency,
    DateTime CreatedAt,
    DateTime? StartedAt,
    DateTime? FinishedAt,
    IReadOnlyList<BatchSettingResponse> Settings);
