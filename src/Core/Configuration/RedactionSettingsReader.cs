using System.Globalization;
using Microsoft.Extensions.Configuration;
using Workbench.Core.Redaction;

namespace Workbench.Core.Configuration;

/// <summary>Reads <c>Workbench:Redaction</c> by hand: detector kinds contain ':' (a section separator), and a bad boolean
/// must become a validation message naming its key instead of a binder exception.</summary>
public static class RedactionSettingsReader
{
    public static void Read(RedactionSettings settings, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(RedactionSettings.SectionName);
        settings.Enabled = ReadBool(section, "Enabled", true, settings.ReadErrors);
        settings.Numbering = ReadBool(section, "Numbering", false, settings.ReadErrors);

        foreach (var (kind, value) in section.GetSection("Detectors").AsEnumerable(makePathsRelative: true))
        {
            if (value is null)
            {
                continue;
            }

            if (bool.TryParse(value, out var on))
            {
                settings.Detectors[kind] = on;
            }
            else
            {
                settings.ReadErrors.Add($"{RedactionSettings.SectionName}:Detectors:{kind} must be true or false, not '{value}'.");
            }
        }

        foreach (var child in section.GetSection("CustomPatterns").GetChildren().OrderBy(c => int.TryParse(c.Key, NumberStyles.None, CultureInfo.InvariantCulture, out var i) ? i : int.MaxValue))
        {
            settings.CustomPatterns.Add(new CustomRedactionPattern
            {
                Name = child["Name"] ?? "",
                Pattern = child["Pattern"] ?? "",
                IgnoreCase = ReadBool(child, "IgnoreCase", false, settings.ReadErrors),
            });
        }

        settings.CustomTerms.AddRange(section.GetSection("CustomTerms").GetChildren().Select(c => c.Value).OfType<string>());
    }

    private static bool ReadBool(IConfigurationSection section, string key, bool fallback, List<string> errors)
    {
        var value = section[key];
        if (string.IsNullOrWhiteSpace(value))
        {
            return fallback;
        }

        if (bool.TryParse(value, out var result))
        {
            return result;
        }

        errors.Add($"{section.Path}:{key} must be true or false, not '{value}'.");
        return fallback;
    }
}
