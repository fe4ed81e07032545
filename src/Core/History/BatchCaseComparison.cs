namespace Workbench.Core.History;

/// <summary>
/// One case (and setting) of two batches side by side: each side's run and whether it passed (the case's expectation
/// when it had one, else a schema-valid output), and the change from left to right. Null = no run on that side.
/// </summary>
public sealed record BatchCaseComparison(int CaseIndex, int SettingIndex, Guid? LeftRunId, Guid? RightRunId, bool? LeftPassed, bool? RightPassed, OutcomeChange Change);
