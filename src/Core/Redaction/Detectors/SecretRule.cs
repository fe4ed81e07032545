using System.Buffers;
using System.Text.RegularExpressions;

namespace Workbench.Core.Redaction.Detectors;

/// <summary>A provider-format secret: keywords that must occur (case-sensitive pre-filter), a bounded pattern (compiled once,
/// non-backtracking) and an optional validator of the match.</summary>
internal sealed class SecretRule(string kind, string[] keywords, string pattern, Func<string, int, int, bool>? validate = null)
{
    private readonly SearchValues<string> _keywords = SearchValues.Create(keywords, StringComparison.Ordinal);
    private readonly Regex _regex = new(pattern, RegexOptions.NonBacktracking | RegexOptions.CultureInvariant);

    public string Kind { get; } = kind;

    public void Detect(string text, List<Detection> found)
    {
        if (text.AsSpan().IndexOfAny(_keywords) < 0)
        {
            return;
        }

        foreach (Match m in _regex.Matches(text))
        {
            var (s, e) = (m.Index, m.Index + m.Length);
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
}
