namespace Workbench.Core.Redaction.Detectors;

/// <summary>US Social Security numbers: <c>ddd-dd-dddd</c> or <c>ddd dd dddd</c> standing alone, or nine compact digits with
/// SSN context (a keyword before it or a CSV column header). Area not 000/666/9xx, group not 00, serial not 0000.</summary>
internal sealed class SsnDetector : IDetector
{
    public IReadOnlyList<string> Kinds { get; } = [RedactionKinds.Ssn];

    public void Detect(string text, List<Detection> found)
    {
        var groups = new DigitGroups();
        var i = text.AsSpan().IndexOfAnyInRange('0', '9');
        while (i >= 0 && i < text.Length)
        {
            var end = groups.Read(text, i, " -", 1);
            var glued = groups.StartsGlued(text);
            if (!glued && groups.TrimGlued(text) && !FollowedByNumber(text, groups[groups.Count - 1].End))
            {
                TryRun(text, groups, found);
            }

            var resume = glued && groups.Count > 1 ? groups[1].Start : end;
            var next = text.AsSpan(resume).IndexOfAnyInRange('0', '9');
            i = next < 0 ? -1 : resume + next;
        }
    }

    private static void TryRun(string text, DigitGroups g, List<Detection> found)
    {
        var (s, e) = (g[0].Start, g[g.Count - 1].End);
        var span = text.AsSpan();
        if (g.Count == 3 && g[0].End - g[0].Start == 3 && g[1].End - g[1].Start == 2 && g[2].End - g[2].Start == 4
            && g.Separator(text, 0).SequenceEqual(g.Separator(text, 1)))
        {
            if (Checksums.IsValidSsn(Num(span, g[0]), Num(span, g[1]), Num(span, g[2])))
            {
                found.Add(new Detection(s, e, RedactionKinds.Ssn));
            }
        }
        else if (g.Count == 1 && e - s == 9
            && Checksums.IsValidSsn(Num(span, (s, s + 3)), Num(span, (s + 3, s + 5)), Num(span, (s + 5, e)))
            && ContextWords.HasSsnContext(text, s))
        {
            found.Add(new Detection(s, e, RedactionKinds.Ssn));
        }
    }

    private static bool FollowedByNumber(string text, int end) =>
        end + 1 < text.Length && text[end] is '.' or '/' && char.IsAsciiDigit(text[end + 1]);

    private static int Num(ReadOnlySpan<char> text, (int Start, int End) r) =>
        int.Parse(text[r.Start..r.End], System.Globalization.CultureInfo.InvariantCulture);
}
