namespace Workbench.Core.Templates;

/// <summary>One place where a template reads a top-level variable (1-based line and column).</summary>
public sealed record VariableUse(string Name, int Line, int Column, bool UsedAsCollectionOrObject);
