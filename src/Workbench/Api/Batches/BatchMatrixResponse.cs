namespace Workbench.Api.Batches;

/// <summary><c>GET /api/batches/{id}/runs</c>: the settings (columns), the number of cases (rows) and every cell.</summary>
internal sealed record BatchMatrixResponse(Guid Id, IReadOnlyList<ApiBatchSetting> Settings, int Cases, IReadOnlyList<BatchCellResponse> Runs);
