namespace Workbench.Core.Templates;

/// <summary>How a variable's string value is passed to the template.</summary>
public enum VariableKind
{
    /// <summary>The value is inserted as plain text.</summary>
    Text,

    /// <summary>The value is parsed as JSON (arrays and objects usable in loops and member access).</summary>
    Json,
}
