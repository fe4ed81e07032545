namespace Workbench.Core.Batches;

/// <summary>One provider/model column of a batch; null parts mean the template version's own setting.</summary>
public sealed record BatchSetting(string? Provider, string? Model);
