namespace Workbench.Core.Redaction.Detectors;

/// <summary>A run of digit groups separated by short separator sequences, e.g. <c>+1 (206) 489-3474</c>: the building block
/// of the card, SSN and phone detectors. Groups are [Start, End) ranges of digits.</summary>
internal sealed class DigitGroups
{
    public const int MaxGroups = 12;

    private readonly (int Start, int End)[] _groups = new (int, int)[MaxGroups];

    public int Count { get; private set; }

    /// <summary>Start of the run including a leading '+' or '('.</summary>
    public int RunStart { get; private set; }

    public (int Start, int End) this[int i] => _groups[i];

    public int Digits(int from, int to)
    {
        var n = 0;
        for (var i = from; i <= to; i++)
        {
            n += _groups[i].End - _groups[i].Start;
        }

        return n;
    }

    /// <summary>The separator text between group <paramref name="i"/> and group i+1.</summary>
    public ReadOnlySpan<char> Separator(string text, int i) => text.AsSpan(_groups[i].End, _groups[i + 1].Start - _groups[i].End);

    /// <summary>Reads the run that starts at the digit at <paramref name="pos"/>; separators are up to
    /// <paramref name="maxSep"/> characters from <paramref name="seps"/>. Returns the index just after the run.</summary>
    public int Read(string text, int pos, ReadOnlySpan<char> seps, int maxSep)
    {
        Count = 0;
        RunStart = pos;
        while (RunStart > 0 && pos - RunStart < 3 && text[RunStart - 1] is '+' or '(')
        {
            RunStart--;
        }

        var p = pos;
        while (Count < MaxGroups)
        {
            var s = p;
            while (p < text.Length && char.IsAsciiDigit(text[p]))
            {
                p++;
            }

            _groups[Count++] = (s, p);
            var q = p;
            while (q < text.Length && q - p < maxSep && seps.Contains(text[q]))
            {
                q++;
            }

            if (q == p || q >= text.Length || !char.IsAsciiDigit(text[q]))
            {
                break;
            }

            p = q;
        }

        return _groups[Count - 1].End;
    }

    /// <summary>Drops trailing groups glued to letters ("12ab") and returns false when nothing is left.</summary>
    public bool TrimGlued(string text)
    {
        var end = _groups[Count - 1].End;
        if (end < text.Length && (char.IsLetter(text[end]) || text[end] == '_'))
        {
            Count--;
        }

        return Count > 0;
    }

    /// <summary>True when the run begins inside a word or code (ORD-2024-..., v1.2, abc123).</summary>
    public bool StartsGlued(string text)
    {
        var s = RunStart;
        if (s == 0)
        {
            return false;
        }

        var prev = text[s - 1];
        if (char.IsLetterOrDigit(prev) || prev is '_' or '$' or '€' or '£' or '#')
        {
            return true;
        }

        return prev is '-' or '.' or '/' or ':' && s >= 2 && char.IsLetterOrDigit(text[s - 2]);
    }
}
