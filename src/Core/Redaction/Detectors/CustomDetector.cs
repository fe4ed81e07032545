using System.Text.RegularExpressions;

namespace Workbench.Core.Redaction.Detectors;

/// <summary>Configured patterns and terms. Each regex is built once: non-backtracking when the pattern allows it, otherwise a
/// backtracking regex with a match timeout (a timed-out pattern reports nothing for that call rather than hanging).</summary>
internal sealed class CustomDetector : IDetector
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMilliseconds(250);

    private readonly (Regex Regex, string Kind)[] _patterns;

    public CustomDetector(IEnumerable<CustomRedactionPattern> patterns, IEnumerable<string> terms)
    {
        var list = new List<(Regex, string)>();
        foreach (var p in patterns)
        {
            if (string.IsNullOrEmpty(p.Pattern))
            {
                throw new ArgumentException($"Custom redaction pattern '{p.Name}' has no pattern.", nameof(patterns));
            }

            list.Add((Build(p.Pattern, p.IgnoreCase), RedactionKinds.CustomPrefix + ValidName(p.Name)));
        }

        var words = terms.Where(t => !string.IsNullOrWhiteSpace(t)).Select(t => Regex.Escape(t.Trim())).Distinct().ToList();
        if (words.Count > 0)
        {
            // Longest first so "Acme Corp" wins over "Acme"; word boundaries only where the term starts/ends with a word character.
            var alternatives = words.OrderByDescending(w => w.Length).Select(w => $@"(?:(?<![\w]){w}(?![\w]))");
            list.Add((new Regex(string.Join('|', alternatives), RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, Timeout), RedactionKinds.CustomTerm));
        }

        _patterns = [.. list];
        Kinds = [.. _patterns.Select(p => p.Kind).Distinct()];
    }

    public IReadOnlyList<string> Kinds { get; }

    public void Detect(string text, List<Detection> found)
    {
        foreach (var (regex, kind) in _patterns)
        {
            try
            {
                foreach (Match m in regex.Matches(text))
                {
                    if (m.Length > 0)
                    {
                        found.Add(new Detection(m.Index, m.Index + m.Length, kind));
                    }
                }
            }
            catch (RegexMatchTimeoutException)
            {
                // Bounded by design: a pathological custom pattern yields no findings instead of blocking the caller.
            }
        }
    }

    private static Regex Build(string pattern, bool ignoreCase)
    {
        var options = RegexOptions.CultureInvariant | (ignoreCase ? RegexOptions.IgnoreCase : RegexOptions.None);
        try
        {
            return new Regex(pattern, options | RegexOptions.NonBacktracking);
        }
        catch (NotSupportedException)
        {
            return new Regex(pattern, options, Timeout);
        }
    }

    private static string ValidName(string name)
    {
        if (string.IsNullOrEmpty(name) || name.Length > 40 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
        {
            throw new ArgumentException($"Custom redaction pattern name '{name}' must be 1-40 letters, digits, '-', '_' or '.'.", nameof(name));
        }

        return name;
    }
}
