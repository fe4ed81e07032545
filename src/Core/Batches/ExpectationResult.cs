namespace Workbench.Core.Batches;

/// <summary>Whether a run met its test case's expectation, and why (the reason may quote output: it is redacted when stored).</summary>
public sealed record ExpectationResult(ExpectationKind Kind, bool Passed, string Reason);
