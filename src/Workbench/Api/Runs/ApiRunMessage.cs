namespace Workbench.Api.Runs;

/// <summary>A message as it was sent to the provider (redacted as stored).</summary>
public sealed record ApiRunMessage(string Role, string Content);
