using System.Text;

namespace Workbench.Core.History;

/// <summary>
/// Turns what a user typed into a safe FTS5 query: every word becomes a quoted term (so quotes, operators and
/// column filters in the text are just text), all terms must match, and the last one also matches as a prefix.
/// </summary>
public static class RunSearchExpression
{
    public const int MaxLength = 200;

    public const int MaxTerms = 12;

    /// <summary>The FTS5 expression, or a problem (field <c>text</c>) saying why the text cannot be searched.</summary>
    public static (string? Expression, string? Problem) Build(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length > MaxLength)
        {
            return (null, $"The search text is {text.Length} characters long; at most {MaxLength} are allowed.");
        }

        var terms = Terms(text);
        if (terms.Count == 0)
        {
            return (null, "The search text needs at least one letter or digit.");
        }

        if (terms.Count > MaxTerms)
        {
            return (null, $"The search text has {terms.Count} words; at most {MaxTerms} are allowed.");
        }

        var builder = new StringBuilder();
        for (var i = 0; i < terms.Count; i++)
        {
            if (i > 0)
            {
                builder.Append(" AND ");
            }

            builder.Append('"').Append(terms[i].Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
            if (i == terms.Count - 1)
            {
                builder.Append('*');
            }
        }

        return (builder.ToString(), null);
    }

    /// <summary>
    /// The words of <paramref name="text"/> (split on white space, keeping only words with a letter or digit): the
    /// query syntax every engine implements the same way (ADR-014, ADR-020).
    /// </summary>
    public static IReadOnlyList<string> Terms(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text
            .Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(t => t.Any(char.IsLetterOrDigit))
            .ToList();
    }
}
