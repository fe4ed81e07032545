using System.Buffers;
using System.Text.RegularExpressions;

namespace Workbench.Core.Redaction.Detectors;

/// <summary>Values in CSV columns whose header names a secret (<c>DB_PASSWORD</c>, <c>api_key</c>, <c>client_secret</c>, ...):
/// a header line of identifiers followed by rows with the same number of fields.</summary>
internal sealed partial class CsvColumnDetector : IDetector
{
    private static readonly SearchValues<string> Prefilter = SearchValues.Create(
        ["pass", "pwd", "secret", "key", "token", "credential"], StringComparison.OrdinalIgnoreCase);

    // A header name is a few dozen characters and the pattern has no loop: source-generated (ADR-004, later changes).
    [GeneratedRegex("(?:pass(?:word|wd|phrase)?|pwd|secret|api[_-]?key|apikey|access[_-]?key|private[_-]?key|secret[_-]?key|token|credentials?)$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    internal static partial Regex SecretHeader();

    public IReadOnlyList<string> Kinds { get; } = [RedactionKinds.SecretPassword];

    public void Detect(string text, List<Detection> found)
    {
        if (text.AsSpan().IndexOfAny(Prefilter) < 0)
        {
            return;
        }

        var pos = 0;
        while (pos < text.Length)
        {
            var end = Scan.LineEnd(text, pos);
            var line = text.AsSpan(pos, end - pos).TrimEnd('\r');
            var next = end + 1;
            if (line.Length > 0 && line.Length < 2000 && line.IndexOfAny(Prefilter) >= 0 && Scan.IsHeader(line))
            {
                var columns = SecretColumns(line);
                if (columns.Count > 0)
                {
                    next = Rows(text, next, Scan.CountFields(line), columns, found);
                }
            }

            pos = next;
        }
    }

    private static List<int> SecretColumns(ReadOnlySpan<char> header)
    {
        var result = new List<int>();
        var i = 0;
        var single = Scan.CountFields(header) == 1;
        foreach (var range in header.Split(','))
        {
            var name = header[range].Trim().Trim('"');
            if (SecretHeader().IsMatch(name) && (!single || name.Contains('_') || name.Contains('-')))
            {
                result.Add(i);
            }

            i++;
        }

        return result;
    }

    private static int Rows(string text, int pos, int fields, List<int> columns, List<Detection> found)
    {
        while (pos < text.Length)
        {
            var end = Scan.LineEnd(text, pos);
            var line = text.AsSpan(pos, end - pos).TrimEnd('\r');
            if (line.Trim().Length == 0 || Scan.CountFields(line) != fields)
            {
                return pos;
            }

            foreach (var column in columns)
            {
                var (s, e) = FieldRange(line, column);
                while (s < e && line[s] is ' ' or '"')
                {
                    s++;
                }

                while (e > s && line[e - 1] is ' ' or '"')
                {
                    e--;
                }

                if (e - s >= 3)
                {
                    found.Add(new Detection(pos + s, pos + e, RedactionKinds.SecretPassword));
                }
            }

            pos = end + 1;
        }

        return pos;
    }

    private static (int Start, int End) FieldRange(ReadOnlySpan<char> line, int column)
    {
        var field = 0;
        var start = 0;
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            if (line[i] == '"')
            {
                quoted = !quoted;
            }
            else if (line[i] == ',' && !quoted)
            {
                if (field == column)
                {
                    return (start, i);
                }

                field++;
                start = i + 1;
            }
        }

        return field == column ? (start, line.Length) : (0, 0);
    }
}
