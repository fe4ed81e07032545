namespace Workbench.Core.Redaction;

/// <summary>A configured regular expression; matches are replaced with <c>[CUSTOM:name]</c>.</summary>
public sealed class CustomRedactionPattern
{
    /// <summary>Short name shown in the placeholder: letters, digits, '-', '_' and '.' only.</summary>
    public string Name { get; set; } = "";

    /// <summary>.NET regular expression. Compiled once with <c>RegexOptions.NonBacktracking</c> when the pattern allows it,
    /// otherwise with a match timeout.</summary>
    public string Pattern { get; set; } = "";

    /// <summary>Match case-insensitively.</summary>
    public bool IgnoreCase { get; set; }
}
