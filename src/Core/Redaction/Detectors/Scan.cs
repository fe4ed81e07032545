using System.Buffers;

namespace Workbench.Core.Redaction.Detectors;

/// <summary>Small text helpers shared by the detectors: boundaries, line context, CSV column headers.</summary>
internal static class Scan
{
    /// <summary>Largest span the context helpers look at, so they stay O(1) per candidate.</summary>
    private const int MaxHeaderLookback = 64 * 1024;

    public static bool IsAsciiAlnum(char c) => char.IsAsciiLetterOrDigit(c);

    public static bool IsWordChar(char c) => char.IsLetterOrDigit(c) || c == '_';

    public static int LineStart(string text, int pos)
    {
        var i = pos <= 0 ? -1 : text.LastIndexOf('\n', pos - 1);
        return i + 1;
    }

    public static int LineEnd(string text, int pos)
    {
        var i = text.IndexOf('\n', pos);
        return i < 0 ? text.Length : i;
    }

    /// <summary>True when a keyword occurs in the <paramref name="window"/> characters before <paramref name="start"/>
    /// on the same line, or (when the line holds nothing before the value) at the end of the previous line.</summary>
    public static bool HasContextBefore(string text, int start, SearchValues<string> keywords, int window = 48)
    {
        var lineStart = LineStart(text, start);
        var from = Math.Max(lineStart, start - window);
        if (text.AsSpan(from, start - from).IndexOfAny(keywords) >= 0)
        {
            return true;
        }

        if (text.AsSpan(lineStart, start - lineStart).Trim().Length == 0 && lineStart > 0)
        {
            var prevStart = LineStart(text, lineStart - 1);
            var prevFrom = Math.Max(prevStart, lineStart - 1 - window);
            return text.AsSpan(prevFrom, lineStart - 1 - prevFrom).IndexOfAny(keywords) >= 0;
        }

        return false;
    }

    /// <summary>When <paramref name="pos"/> lies in a data row of a CSV-like block (a header line of identifiers followed by rows
    /// with the same number of fields), the header name of its column; otherwise null.</summary>
    public static string? ColumnHeader(string text, int pos)
    {
        var lineStart = LineStart(text, pos);
        var lineEnd = LineEnd(text, pos);
        var line = text.AsSpan(lineStart, lineEnd - lineStart).TrimEnd('\r');
        var fields = CountFields(line);
        var column = CountFields(text.AsSpan(lineStart, pos - lineStart)) - 1;
        var cursor = lineStart;
        var limit = Math.Max(0, pos - MaxHeaderLookback);
        var top = -1;
        while (cursor > 0 && cursor > limit)
        {
            var prevStart = LineStart(text, cursor - 1);
            var prev = text.AsSpan(prevStart, cursor - 1 - prevStart).TrimEnd('\r');
            if (prev.Trim().Length == 0 || CountFields(prev) != fields)
            {
                break;
            }

            top = prevStart;
            cursor = prevStart;
        }

        if (top < 0)
        {
            return null;
        }

        var header = text.AsSpan(top, LineEnd(text, top) - top).TrimEnd('\r');
        return IsHeader(header) ? FieldAt(header, column) : null;
    }

    public static bool IsHeader(ReadOnlySpan<char> line)
    {
        foreach (var range in line.Split(','))
        {
            var f = line[range].Trim().Trim('"');
            if (f.Length == 0 || f.Length > 40 || !char.IsAsciiLetter(f[0]))
            {
                return false;
            }

            foreach (var c in f)
            {
                if (!(char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.' or ' '))
                {
                    return false;
                }
            }
        }

        return true;
    }

    private static string? FieldAt(ReadOnlySpan<char> line, int column)
    {
        var i = 0;
        foreach (var range in line.Split(','))
        {
            if (i++ == column)
            {
                return line[range].Trim().Trim('"').ToString();
            }
        }

        return null;
    }

    /// <summary>Number of comma-separated fields, ignoring commas inside double quotes.</summary>
    public static int CountFields(ReadOnlySpan<char> line)
    {
        var n = 1;
        var quoted = false;
        foreach (var c in line)
        {
            if (c == '"')
            {
                quoted = !quoted;
            }
            else if (c == ',' && !quoted)
            {
                n++;
            }
        }

        return n;
    }
}
