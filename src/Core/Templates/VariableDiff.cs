namespace Workbench.Core.Templates;

/// <summary>
/// A declared variable that was added, removed or changed. <see cref="Fields"/> lists the fields that differ (Description, Required,
/// Default, Example, Kind); for added and removed variables it lists every field that has a value on the present side.
/// </summary>
public sealed record VariableDiff(string Name, VariableChange Change, VariableDeclaration? Left, VariableDeclaration? Right, IReadOnlyList<SettingDiff> Fields);
