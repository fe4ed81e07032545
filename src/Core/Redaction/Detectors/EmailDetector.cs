namespace Workbench.Core.Redaction.Detectors;

/// <summary>E-mail addresses, found from each '@' outwards (no regex): a local part of letters, digits and
/// <c>._%+-</c> (no leading/trailing/double dot), a domain of at least two labels and an alphabetic TLD.</summary>
internal sealed class EmailDetector : IDetector
{
    private const int MaxLocal = 64;
    private const int MaxDomain = 255;

    public IReadOnlyList<string> Kinds { get; } = [RedactionKinds.Email];

    public void Detect(string text, List<Detection> found)
    {
        var at = text.IndexOf('@', StringComparison.Ordinal);
        var consumedTo = 0;
        while (at >= 0)
        {
            var next = TryAt(text, at, consumedTo, found);
            consumedTo = Math.Max(consumedTo, next);
            at = text.IndexOf('@', Math.Max(at + 1, next));
        }
    }

    private static int TryAt(string text, int at, int consumedTo, List<Detection> found)
    {
        var start = at;
        var floor = Math.Max(consumedTo, at - MaxLocal);
        while (start > floor && IsLocalChar(text[start - 1]))
        {
            start--;
        }

        while (start < at && text[start] is '.' or '-' or '+')
        {
            start++;
        }

        if (start == at || text[at - 1] == '.' || text.AsSpan(start, at - start).Contains("..", StringComparison.Ordinal))
        {
            return at + 1;
        }

        // Domain: labels of letters/digits/hyphens separated by single dots.
        var end = at + 1;
        var lastDot = -1;
        var labelStart = end;
        var max = Math.Min(text.Length, at + 1 + MaxDomain);
        while (end < max)
        {
            var c = text[end];
            if (char.IsLetterOrDigit(c) || c == '-')
            {
                end++;
            }
            else if (c == '.' && end > labelStart && end + 1 < max && char.IsLetterOrDigit(text[end + 1]))
            {
                lastDot = end;
                end++;
                labelStart = end;
            }
            else
            {
                break;
            }
        }

        if (lastDot < 0)
        {
            return at + 1;
        }

        var tld = text.AsSpan(lastDot + 1, end - lastDot - 1);
        if (tld.Length < 2 || tld.Length > 24 || !IsAllLetters(tld) || text[at + 1] == '-' || text[end - 1] == '-')
        {
            return at + 1;
        }

        found.Add(new Detection(start, end, RedactionKinds.Email));
        return end;
    }

    private static bool IsAllLetters(ReadOnlySpan<char> s)
    {
        foreach (var c in s)
        {
            if (!char.IsLetter(c))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsLocalChar(char c) =>
        char.IsLetterOrDigit(c) || c is '.' or '_' or '%' or '+' or '-';
}
