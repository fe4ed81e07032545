namespace Workbench.Core.Validation;

/// <summary>Which step of the extraction rule produced the JSON.</summary>
public enum ExtractionStep
{
    /// <summary>Nothing was extracted.</summary>
    None,

    /// <summary>Step 2: the whole trimmed output (after any leading reasoning block) is JSON.</summary>
    WholeOutput,

    /// <summary>Step 3: the first fenced code block (<c>```json</c> or bare <c>```</c>) whose content parses.</summary>
    FencedBlock,

    /// <summary>Step 4: the first balanced object or array that parses, scanning left to right.</summary>
    BalancedScan,
}
