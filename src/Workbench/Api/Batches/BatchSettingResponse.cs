namespace Workbench.Api.Batches;

/// <summary>One setting of a batch with its pass rate (passed / evaluated, null until a run was evaluated).</summary>
internal sealed record BatchSettingResponse(int Index, string? Provider, string? Model, int Total, int Completed, int Evaluated, int Passed, double? PassRate);
