namespace Workbench.Core.Templates;

/// <summary>
/// A named value that differs between two versions, formatted for display with the invariant culture.
/// Null means "not set" (provider default, no stop sequences, no schema link, no description...).
/// Used for model settings and for the fields of a declared variable.
/// </summary>
public sealed record SettingDiff(string Name, string? Left, string? Right);
