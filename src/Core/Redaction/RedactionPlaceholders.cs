using System.Text.RegularExpressions;

namespace Workbench.Core.Redaction;

/// <summary>
/// Finds the placeholders <see cref="RedactionKinds.Placeholder"/> writes (<c>[EMAIL]</c>, <c>[PHONE#2]</c>,
/// <c>[SECRET:openai]</c>, <c>[CUSTOM:term]</c>) in stored text, so views can show them as placeholders rather than
/// as text the model or the user wrote. Linear-time (every loop of the pattern is bounded and followed by a character outside
/// its class, so an attempt reads at most about 80 characters); never throws.
/// </summary>
public static partial class RedactionPlaceholders
{
    [GeneratedRegex(@"\[(?:EMAIL|PHONE|CARD|IBAN|SSN|IP|SECRET:[a-z0-9-]{1,40}|CUSTOM:[^\[\]\s#""\\]{1,64})(?:#[0-9]{1,6})?\]",
        RegexOptions.CultureInvariant)]
    internal static partial Regex Pattern();

    /// <summary>Splits <paramref name="text"/> into plain text and placeholders, in order; empty for null or empty text.</summary>
    public static IReadOnlyList<PlaceholderSegment> Split(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return [];
        }

        var segments = new List<PlaceholderSegment>();
        var last = 0;
        foreach (var match in Pattern().EnumerateMatches(text))
        {
            if (match.Index > last)
            {
                segments.Add(new PlaceholderSegment(text[last..match.Index], null));
            }

            var placeholder = text.Substring(match.Index, match.Length);
            segments.Add(new PlaceholderSegment(placeholder, KindOf(placeholder)));
            last = match.Index + match.Length;
        }

        if (last < text.Length)
        {
            segments.Add(new PlaceholderSegment(text[last..], null));
        }

        return segments;
    }

    /// <summary>True when <paramref name="text"/> contains at least one placeholder.</summary>
    public static bool Contains(string? text) => !string.IsNullOrEmpty(text) && Pattern().IsMatch(text);

    /// <summary><c>[PHONE#2]</c> → <c>phone</c>; <c>[SECRET:openai]</c> → <c>secret:openai</c>.</summary>
    private static string KindOf(string placeholder)
    {
        var inner = placeholder[1..^1];
        var hash = inner.IndexOf('#', StringComparison.Ordinal);
        if (hash >= 0)
        {
            inner = inner[..hash];
        }

        var colon = inner.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? inner.ToLowerInvariant() : string.Concat(inner[..colon].ToLowerInvariant(), inner.AsSpan(colon));
    }
}
