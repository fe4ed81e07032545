namespace Workbench.Core.Runs;

/// <summary>One message as it was sent to the provider (<see cref="Role"/> is system, user or assistant).</summary>
public sealed record RunMessage(string Role, string Text);
