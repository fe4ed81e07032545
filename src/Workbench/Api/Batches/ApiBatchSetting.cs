namespace Workbench.Api.Batches;

/// <summary>One provider/model column of a batch; omitted parts use the template version's settings.</summary>
internal sealed record ApiBatchSetting(string? Provider, string? Model);
