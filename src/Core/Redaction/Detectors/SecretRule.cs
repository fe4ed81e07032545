using System.Buffers;
using System.Text.RegularExpressions;

namespace Workbench.Core.Redaction.Detectors;

/// <summary>Finds the first match of a rule's shape at or after <paramref name="from"/>; false when there is none.</summary>
internal delegate bool NextMatch(string text, int from, out int start, out int end);

/// <summary>A provider-format secret: keywords that must occur (case-sensitive pre-filter), the shape of a candidate (a
/// linear-time finder: a source-generated regex whose loops are all atomic, or a hand scanner) and an optional validator of
/// the match.</summary>
internal sealed class SecretRule(string kind, string[] keywords, NextMatch next, Func<string, int, int, bool>? validate = null)
{
    private readonly SearchValues<string> _keywords = SearchValues.Create(keywords, StringComparison.Ordinal);

    public SecretRule(string kind, string[] keywords, Regex pattern, Func<string, int, int, bool>? validate = null)
        : this(kind, keywords, FirstMatch(pattern), validate)
    {
    }

    public string Kind { get; } = kind;

    public void Detect(string text, List<Detection> found)
    {
        if (text.AsSpan().IndexOfAny(_keywords) < 0)
        {
            return;
        }

        // Like Regex.Matches: each search begins where the previous match ended, also when that match is then rejected.
        var from = 0;
        while (from < text.Length && next(text, from, out var s, out var e))
        {
            from = e;
            if (s > 0 && char.IsAsciiLetterOrDigit(text[s - 1]))
            {
                continue;
            }

            if (validate is null || validate(text, s, e))
            {
                found.Add(new Detection(s, e, Kind));
            }
        }
    }

    /// <summary>A regex as a finder. Every built-in pattern matches at least one character, so a search never stalls.</summary>
    private static NextMatch FirstMatch(Regex pattern) => (string text, int from, out int start, out int end) =>
    {
        foreach (var match in pattern.EnumerateMatches(text, from))
        {
            start = match.Index;
            end = match.Index + match.Length;
            return true;
        }

        start = end = 0;
        return false;
    };
}
