namespace Workbench.Core.Templates;

/// <summary>A declared template variable.</summary>
public sealed record VariableDeclaration(
    string Name,
    string? Description,
    bool Required,
    string? DefaultValue,
    string? ExampleValue,
    VariableKind Kind = VariableKind.Text);
