using System.ComponentModel;
using Workbench.Core.Templates;

namespace Workbench.Api.Templates;

/// <summary>A declared template variable.</summary>
public sealed record ApiVariable
{
    [Description("Letters, digits and _; starts with a letter or _.")]
    public string? Name { get; init; }

    [Description("Whether a run must give a value (a default also satisfies it). Omitted = true.")]
    public bool? Required { get; init; }

    [Description("Value used when a run gives none.")]
    public string? Default { get; init; }

    [Description("Example value, prefilled in the run panel.")]
    public string? Example { get; init; }

    public string? Description { get; init; }

    [Description("text (inserted as text, the default) or json (parsed as JSON: usable in loops and member access).")]
    public VariableKind? Kind { get; init; }
}
