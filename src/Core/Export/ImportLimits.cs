namespace Workbench.Core.Export;

/// <summary>
/// Limits the importers apply before anything is stored. A file beyond one is refused with a message naming the limit and where it was hit.
/// The byte limit is configurable (<c>Workbench:Export:MaxImportBytes</c>); the structural ones are fixed.
/// </summary>
public static class ImportLimits
{
    /// <summary>Deepest nesting of JSON objects and arrays in a bundle (the embedded schema included).</summary>
    public const int MaxJsonDepth = 64;

    /// <summary>Deepest nesting of YAML mappings and sequences in a Prompty front matter.</summary>
    public const int MaxYamlDepth = 32;

    /// <summary>Longest single string (a message text, a variable value, a YAML scalar), in characters.</summary>
    public const int MaxStringLength = 512 * 1024;

    /// <summary>Most values (objects, arrays, strings, numbers...) in one file.</summary>
    public const int MaxNodes = 100_000;

    /// <summary>Most test cases in one bundle.</summary>
    public const int MaxTestCases = 10_000;
}
