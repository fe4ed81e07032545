namespace Workbench.Core.Templates;

/// <summary>Resource limits applied when parsing and rendering templates.</summary>
public sealed record TemplateLimits
{
    /// <summary>The default limits.</summary>
    public static TemplateLimits Default { get; } = new();

    /// <summary>Maximum template source length, in characters.</summary>
    public int MaxSourceLength { get; init; } = 512 * 1024;

    /// <summary>Maximum nesting depth of block tags (if, unless, case, for).</summary>
    public int MaxNestingDepth { get; init; } = 32;

    /// <summary>Maximum number of render steps (statements, loop iterations, range items).</summary>
    public int MaxSteps { get; init; } = 100_000;

    /// <summary>Maximum rendered output length, in characters.</summary>
    public int MaxOutputLength { get; init; } = 1_000_000;

    /// <summary>Maximum length of a single tag (<c>{{ ... }}</c> or <c>{% ... %}</c>), in characters.</summary>
    public int MaxTagLength { get; init; } = 2_000;
}
