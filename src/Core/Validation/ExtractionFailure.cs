namespace Workbench.Core.Validation;

/// <summary>Why nothing was extracted from a model output.</summary>
public enum ExtractionFailure
{
    /// <summary>JSON was extracted.</summary>
    None,

    /// <summary>The output is empty or only whitespace.</summary>
    Empty,

    /// <summary>The output is larger than <see cref="ValidationLimits.MaxOutputBytes"/>.</summary>
    TooLarge,

    /// <summary>Only a reasoning block (<c>&lt;think&gt;</c>) and no JSON after it.</summary>
    ReasoningOnly,

    /// <summary>No JSON object, array or fenced block at all (prose, a refusal, a bare value inside text).</summary>
    NoJson,

    /// <summary>The JSON stops before it is complete.</summary>
    Truncated,

    /// <summary>A comma before a closing bracket.</summary>
    TrailingComma,

    /// <summary>Strings or names in single quotes.</summary>
    SingleQuotes,

    /// <summary>Comments, which JSON does not allow.</summary>
    Comments,

    /// <summary>NaN or Infinity, which are not JSON numbers.</summary>
    NonFiniteNumber,

    /// <summary>Python literals True, False or None.</summary>
    PythonLiteral,

    /// <summary>Property names without double quotes.</summary>
    UnquotedName,

    /// <summary>Nested deeper than <see cref="ValidationLimits.MaxDepth"/>.</summary>
    TooDeep,

    /// <summary>Something else that is not valid JSON.</summary>
    InvalidJson,
}
