using System.Text.RegularExpressions;

namespace Workbench.Core.Providers;

/// <summary>Removes API keys and bearer tokens from text that may reach a user, a log or the database.</summary>
public static partial class SecretScrubber
{
    public const string Placeholder = "[redacted key]";

    [GeneratedRegex(@"(?:sk|rk|pk)-[A-Za-z0-9_\-]{6,}|Bearer\s+[A-Za-z0-9._~+/=\-]+|(?i:x-api-key)\s*[:=]\s*\S+", RegexOptions.CultureInvariant)]
    private static partial Regex KeyLike();

    public static string Scrub(string? text, string? key = null)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text ?? "";
        }

        if (!string.IsNullOrEmpty(key) && key.Length >= 4)
        {
            text = text.Replace(key, Placeholder, StringComparison.Ordinal);
        }

        return KeyLike().Replace(text, Placeholder);
    }
}
