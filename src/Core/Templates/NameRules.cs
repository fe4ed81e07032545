using System.Text.RegularExpressions;

namespace Workbench.Core.Templates;

/// <summary>Rules for template names, tags and label names, with messages that say what to change.</summary>
public static partial class NameRules
{
    public const int MaxTemplateNameLength = 100;
    public const int MaxDescriptionLength = 2000;
    public const int MaxTagLength = 40;
    public const int MaxTags = 20;
    public const int MaxLabelLength = 40;
    public const int MaxCommitMessageLength = 500;

    [GeneratedRegex(@"^[\p{L}\p{N}][\p{L}\p{N} ._\-()]*$")]
    private static partial Regex TemplateNamePattern();

    [GeneratedRegex(@"^[a-z0-9][a-z0-9._\-]*$")]
    private static partial Regex SlugPattern();

    public static string Normalize(string name) => name.Trim().ToUpperInvariant();

    public static string? CheckTemplateName(string? name)
    {
        var trimmed = name?.Trim() ?? "";
        if (trimmed.Length == 0)
        {
            return "A name is required.";
        }

        if (trimmed.Length > MaxTemplateNameLength)
        {
            return $"The name is {trimmed.Length} characters long; the limit is {MaxTemplateNameLength}.";
        }

        return TemplateNamePattern().IsMatch(trimmed)
            ? null
            : "Use letters, digits, spaces and . _ - ( ); start with a letter or digit.";
    }

    public static string? CheckTag(string tag) =>
        tag.Length > MaxTagLength ? $"Tag '{tag[..MaxTagLength]}…' is longer than {MaxTagLength} characters."
        : SlugPattern().IsMatch(tag) ? null
        : $"Tag '{tag}' may contain only lower-case letters, digits and . _ -";

    public static string? CheckLabel(string? label)
    {
        var value = label?.Trim() ?? "";
        if (value.Length == 0)
        {
            return "A label name is required.";
        }

        if (value.Length > MaxLabelLength)
        {
            return $"Label names are at most {MaxLabelLength} characters.";
        }

        return SlugPattern().IsMatch(value) ? null : "Label names use lower-case letters, digits and . _ - (for example production, staging).";
    }

    /// <summary>Tags are kept lower-case, trimmed and without duplicates.</summary>
    public static IReadOnlyList<string> NormalizeTags(IEnumerable<string> tags) =>
        tags.Select(t => t.Trim().ToLowerInvariant()).Where(t => t.Length > 0).Distinct(StringComparer.Ordinal).ToList();
}
