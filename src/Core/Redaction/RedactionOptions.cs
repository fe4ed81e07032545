namespace Workbench.Core.Redaction;

/// <summary>Configuration of a <see cref="Redactor"/>. Everything is on by default.</summary>
public sealed class RedactionOptions
{
    /// <summary>Detectors switched on or off by kind (<see cref="RedactionKinds"/>); a missing key means on.
    /// <c>"secret": false</c> switches off every secret detector; a specific key (<c>"secret:jwt"</c>) wins over the group.</summary>
    public Dictionary<string, bool> Detectors { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Extra regular expressions, each replaced with <c>[CUSTOM:name]</c>.</summary>
    public List<CustomRedactionPattern> CustomPatterns { get; set; } = [];

    /// <summary>Terms (e.g. customer names) replaced wherever they occur as whole words, case-insensitively, with <c>[CUSTOM:term]</c>.</summary>
    public List<string> CustomTerms { get; set; } = [];

    /// <summary>Number placeholders so equal values get equal placeholders (<c>[EMAIL#1]</c>) within one call or one <see cref="RedactionScope"/>.</summary>
    public bool Numbering { get; set; }

    /// <summary>Whether the detector for <paramref name="kind"/> is on.</summary>
    public bool IsEnabled(string kind)
    {
        ArgumentNullException.ThrowIfNull(kind);
        if (Detectors.TryGetValue(kind, out var on))
        {
            return on;
        }

        var colon = kind.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 || !Detectors.TryGetValue(kind[..colon], out var group) || group;
    }
}
