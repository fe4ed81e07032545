namespace Workbench.Core.Persistence;

/// <summary>The resolved absolute data directory (from <c>Workbench:DataDirectory</c>).</summary>
public sealed record DataDirectory(string Path);
