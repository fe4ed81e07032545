namespace Workbench.Core.Validation;

/// <summary>Limits applied to schemas and model outputs. Everything beyond a limit gets a clear issue, never an exception.</summary>
public sealed record ValidationLimits
{
    /// <summary>The defaults used by <see cref="OutputValidator"/>.</summary>
    public static ValidationLimits Default { get; } = new();

    /// <summary>Largest schema text, in UTF-8 bytes (256 KB).</summary>
    public int MaxSchemaBytes { get; init; } = 256 * 1024;

    /// <summary>Largest model output, in UTF-8 bytes (5 MB). Larger outputs are not parsed at all.</summary>
    public int MaxOutputBytes { get; init; } = 5 * 1024 * 1024;

    /// <summary>Deepest nesting of arrays and objects, for schemas and outputs alike.</summary>
    public int MaxDepth { get; init; } = 256;

    /// <summary>Longest time one regular expression match (<c>pattern</c>, <c>patternProperties</c>) may take.</summary>
    public TimeSpan RegexMatchTimeout { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Longest total time spent matching the schema's regular expressions for one output.</summary>
    public TimeSpan RegexBudget { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Most issues reported for one output (the rest are summarised in one issue).</summary>
    public int MaxIssues { get; init; } = 200;
}
