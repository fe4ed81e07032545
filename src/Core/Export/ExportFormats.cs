using System.Diagnostics.CodeAnalysis;

namespace Workbench.Core.Export;

/// <summary>Names, file extensions and content types of <see cref="ExportFormat"/> as used in URLs, files and downloads.</summary>
public static class ExportFormats
{
    public static IReadOnlyList<ExportFormat> All { get; } = [ExportFormat.Bundle, ExportFormat.Prompty, ExportFormat.Promptfoo];

    /// <summary>The name used in <c>?format=</c>: <c>bundle</c>, <c>prompty</c>, <c>promptfoo</c>.</summary>
    public static string NameOf(ExportFormat format) => format switch
    {
        ExportFormat.Prompty => "prompty",
        ExportFormat.Promptfoo => "promptfoo",
        _ => "bundle",
    };

    /// <summary>What the UI calls the format.</summary>
    public static string DisplayName(ExportFormat format) => format switch
    {
        ExportFormat.Prompty => ".prompty",
        ExportFormat.Promptfoo => "promptfoo config",
        _ => "Workbench bundle",
    };

    public static bool TryParse(string? name, [NotNullWhen(true)] out ExportFormat? format)
    {
        format = name?.Trim().ToLowerInvariant() switch
        {
            null or "" or "bundle" or "json" => ExportFormat.Bundle,
            "prompty" => ExportFormat.Prompty,
            "promptfoo" or "yaml" => ExportFormat.Promptfoo,
            _ => null,
        };
        return format is not null;
    }

    public static string ContentType(ExportFormat format) => format switch
    {
        ExportFormat.Bundle => "application/json",
        _ => "application/yaml",
    };

    /// <summary>The download file name for a template version, made of safe characters only.</summary>
    public static string FileName(string templateName, int versionNumber, ExportFormat format)
    {
        var slug = new string([.. templateName.Trim().Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? char.ToLowerInvariant(c) : '-')]).Trim('-', '.');
        if (slug.Length == 0)
        {
            slug = "template";
        }

        return format switch
        {
            ExportFormat.Prompty => $"{slug}-v{versionNumber}.prompty",
            ExportFormat.Promptfoo => $"{slug}-v{versionNumber}.promptfooconfig.yaml",
            _ => $"{slug}-v{versionNumber}.bundle.json",
        };
    }
}
