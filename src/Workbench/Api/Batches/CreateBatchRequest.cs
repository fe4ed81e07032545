namespace Workbench.Api.Batches;

/// <summary>The body of <c>POST /api/batches</c>.</summary>
internal sealed record CreateBatchRequest
{
    public string? Template { get; init; }

    public int? Version { get; init; }

    public string? Label { get; init; }

    public List<ApiTestCase>? Cases { get; init; }

    public string? TestSet { get; init; }

    public string? Provider { get; init; }

    public string? Model { get; init; }

    public List<ApiBatchSetting>? Settings { get; init; }

    public int? Concurrency { get; init; }

    public int? MaxAttempts { get; init; }

    public ApiBatchSimulation? Simulation { get; init; }
}
