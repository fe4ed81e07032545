namespace Workbench.Api.Batches;

/// <summary>A stored test case: its id, variable values (redacted form) and expectation.</summary>
internal sealed record TestSetCaseResponse(Guid Id, IReadOnlyDictionary<string, string?> Variables, TestSetExpectResponse Expect);
