using System.Buffers;

namespace Workbench.Core.Redaction.Detectors;

/// <summary>Small text helpers shared by the detectors: boundaries, line context, CSV column headers.</summary>
internal static class Scan
{
    /// <summary>Largest span the context helpers look at, so they stay O(1) per candidate.</summary>
    private const int MaxHeaderLookback = 64 * 1024;

    /// <summary>The longest line read as a CSV row or header (a longer one is prose, a minified document or a hostile input).</summary>
    internal const int MaxRowLength = 8 * 1024;

    public static bool IsAsciiAlnum(char c) => char.IsAsciiLetterOrDigit(c);

    public static bool IsWordChar(char c) => char.IsLetterOrDigit(c) || c == '_';

    public static int LineEnd(string text, int pos)
    {
        var i = text.IndexOf('\n', pos);
        return i < 0 ? text.Length : i;
    }

    /// <summary>
    /// The start of the line of <paramref name="pos"/> or <c>pos - window</c>, whichever is later, reading at most
    /// <paramref name="window"/> characters: the detectors ask this for every candidate, and finding the line's start
    /// would read back to the start of a long line each time (quadratic on a long single-line text full of candidates).
    /// </summary>
    public static int WindowStart(string text, int pos, int window)
    {
        var from = pos;
        var limit = Math.Max(0, pos - window);
        while (from > limit && text[from - 1] != '\n')
        {
            from--;
        }

        return from;
    }

    /// <summary>True when a keyword occurs in the <paramref name="window"/> characters before <paramref name="start"/>
    /// on the same line, or (when the line holds nothing before the value) at the end of the previous line. Reads a bounded
    /// number of characters besides the blanks right before the value.</summary>
    public static bool HasContextBefore(string text, int start, SearchValues<string> keywords, int window = 48)
    {
        var from = WindowStart(text, start, window);
        if (text.AsSpan(from, start - from).IndexOfAny(keywords) >= 0)
        {
            return true;
        }

        // Only blanks between the line start and the value: the previous line's end counts as its label.
        var lineStart = start;
        while (lineStart > 0 && text[lineStart - 1] != '\n' && char.IsWhiteSpace(text[lineStart - 1]))
        {
            lineStart--;
        }

        if (lineStart == 0 || text[lineStart - 1] != '\n')
        {
            return false;
        }

        var prevFrom = WindowStart(text, lineStart - 1, window);
        return text.AsSpan(prevFrom, lineStart - 1 - prevFrom).IndexOfAny(keywords) >= 0;
    }

    /// <summary>When <paramref name="pos"/> lies in a data row of a CSV-like block (a header line of identifiers followed by rows
    /// with the same number of fields), the header name of its column; otherwise null. Lines longer than
    /// <see cref="MaxRowLength"/> are not rows, so each call reads at most a row around <paramref name="pos"/> and
    /// <see cref="MaxHeaderLookback"/> characters above it.</summary>
    public static string? ColumnHeader(string text, int pos)
    {
        if (LineAround(text, pos) is not var (lineStart, lineEnd))
        {
            return null;
        }

        var line = text.AsSpan(lineStart, lineEnd - lineStart).TrimEnd('\r');
        var fields = CountFields(line);
        var cursor = lineStart;
        var limit = Math.Max(0, pos - MaxHeaderLookback);
        var top = -1;
        var topEnd = -1;
        while (cursor > 0 && cursor > limit)
        {
            if (LineAround(text, cursor - 1) is not var (prevStart, _))
            {
                break;
            }

            var prev = text.AsSpan(prevStart, cursor - 1 - prevStart).TrimEnd('\r');
            if (prev.Trim().Length == 0 || CountFields(prev) != fields)
            {
                break;
            }

            top = prevStart;
            topEnd = cursor - 1;
            cursor = prevStart;
        }

        if (top < 0)
        {
            return null;
        }

        var header = text.AsSpan(top, topEnd - top).TrimEnd('\r');
        var column = CountFields(text.AsSpan(lineStart, pos - lineStart)) - 1;
        return IsHeader(header) ? FieldAt(header, column) : null;
    }

    /// <summary>The line around <paramref name="pos"/> as [start, end) without its line break, or null when it is longer
    /// than <see cref="MaxRowLength"/> (found without reading further than that in either direction).</summary>
    private static (int Start, int End)? LineAround(string text, int pos)
    {
        var back = Math.Min(pos, MaxRowLength + 1);
        var newline = back == 0 ? -1 : text.LastIndexOf('\n', pos - 1, back);
        if (newline < 0 && pos > MaxRowLength)
        {
            return null;
        }

        var start = newline + 1;
        var ahead = Math.Min(text.Length - pos, MaxRowLength + 1);
        var next = text.IndexOf('\n', pos, ahead);
        if (next < 0 && text.Length - pos > MaxRowLength)
        {
            return null;
        }

        var end = next < 0 ? text.Length : next;
        return end - start > MaxRowLength ? null : (start, end);
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
