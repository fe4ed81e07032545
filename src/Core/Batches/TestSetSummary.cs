namespace Workbench.Core.Batches;

/// <summary>A named test set of a template.</summary>
public sealed record TestSetSummary(string Name, int Count, DateTime UpdatedAtUtc);
