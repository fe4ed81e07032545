namespace Workbench.Security;

/// <summary>The body of <c>GET /api/me</c>.</summary>
public sealed record MeResponse(string Name, string Role);
