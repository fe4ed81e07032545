namespace Workbench.Api.Runs;

/// <summary>A queued run: poll <c>GET /api/runs/{id}</c> (the Location header) until its status is final.</summary>
public sealed record RunAcceptedResponse(Guid Id);
