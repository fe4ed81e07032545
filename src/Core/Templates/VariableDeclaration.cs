namespace Workbench.Core.Templates;

public sealed record VariableDeclaration(string Name, string? Description, bool Required, string? DefaultValue, string? ExampleValue, VariableKind Kind = VariableKind.Text);
