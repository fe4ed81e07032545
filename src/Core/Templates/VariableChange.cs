namespace Workbench.Core.Templates;

/// <summary>What happened to a declared variable (variables are matched by name).</summary>
public enum VariableChange
{
    /// <summary>Declared only on the right.</summary>
    Added,

    /// <summary>Declared only on the left.</summary>
    Removed,

    /// <summary>Declared on both sides with different fields.</summary>
    Modified,
}
