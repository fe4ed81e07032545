namespace Workbench.Api.Batches;

/// <summary>The body of <c>PUT /api/templates/{name}/test-sets/{set}</c>: the set's new cases (empty deletes the set).</summary>
internal sealed record ReplaceTestSetRequest(List<ApiTestCase>? Cases);
