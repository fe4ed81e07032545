using Workbench.Core.Redaction;

namespace Workbench.Core.Configuration;

/// <summary>
/// The <c>Workbench:Redaction</c> section. Redaction is on unless <see cref="Enabled"/> is set to <c>false</c> explicitly.
/// Read by <see cref="RedactionSettingsReader"/> (not the generic binder) so detector keys such as <c>secret:openai</c>,
/// which contain the configuration separator, survive and every unreadable value is reported with its key.
/// </summary>
public sealed class RedactionSettings
{
    public const string SectionName = "Workbench:Redaction";

    /// <summary>Redaction of run data, exports and the API. Logs, errors and telemetry are redacted even when this is off.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Detector kind (<see cref="RedactionKinds"/>) to on/off; a missing kind is on.</summary>
    public Dictionary<string, bool> Detectors { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Extra regular expressions replaced with <c>[CUSTOM:name]</c>.</summary>
    public List<CustomRedactionPattern> CustomPatterns { get; } = [];

    /// <summary>Whole words (e.g. customer names) replaced case-insensitively with <c>[CUSTOM:term]</c>.</summary>
    public List<string> CustomTerms { get; } = [];

    /// <summary>Number placeholders so equal values get equal placeholders within one text.</summary>
    public bool Numbering { get; set; }

    /// <summary>Values that could not be read, as complete messages naming their key (reported by the validator).</summary>
    public List<string> ReadErrors { get; } = [];

    /// <summary>Whether the built-in detector for <paramref name="kind"/> is on (as <see cref="RedactionOptions.IsEnabled"/>).</summary>
    public bool IsDetectorOn(string kind) => ToRedactionOptions().IsEnabled(kind);

    /// <summary>The redactor options these settings describe (the detectors as configured, regardless of <see cref="Enabled"/>).</summary>
    public RedactionOptions ToRedactionOptions()
    {
        var options = new RedactionOptions { Numbering = Numbering };
        foreach (var (kind, on) in Detectors)
        {
            options.Detectors[kind] = on;
        }

        options.CustomPatterns.AddRange(CustomPatterns);
        options.CustomTerms.AddRange(CustomTerms);
        return options;
    }

    /// <summary>Options with every detector off: what the data boundary uses when <see cref="Enabled"/> is false.</summary>
    public static RedactionOptions PassThrough()
    {
        var options = new RedactionOptions();
        foreach (var kind in RedactionKinds.BuiltIn)
        {
            options.Detectors[kind] = false;
        }

        return options;
    }
}
