namespace Workbench.Api.Batches;

/// <summary><c>GET /api/templates/{name}/test-sets/{set}</c>: the stored (redacted) cases in order.</summary>
internal sealed record TestSetResponse(string Template, string Name, IReadOnlyList<TestSetCaseResponse> Cases);
