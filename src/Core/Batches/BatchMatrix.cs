namespace Workbench.Core.Batches;

/// <summary>A batch's results: the settings (columns), the number of cases (rows) and every cell, ordered by case then setting.</summary>
public sealed record BatchMatrix(Guid BatchId, IReadOnlyList<BatchSetting> Settings, int CaseCount, IReadOnlyList<BatchCell> Cells);
