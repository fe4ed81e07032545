namespace Workbench.Core.Redaction.Detectors;

/// <summary>Payment cards: 13-19 digits, compact or grouped with one kind of separator (space or dash), a known issuer range
/// and a valid Luhn check digit, unless labelled as a reference (order, invoice, tracking, ...) number. Windows are tried on group boundaries only, so digits are never split mid-group.</summary>
internal sealed class CardDetector : IDetector
{
    public IReadOnlyList<string> Kinds { get; } = [RedactionKinds.Card];

    public void Detect(string text, List<Detection> found)
    {
        var groups = new DigitGroups();
        Span<char> digits = stackalloc char[24];
        var i = text.AsSpan().IndexOfAnyInRange('0', '9');
        while (i >= 0 && i < text.Length)
        {
            var end = groups.Read(text, i, " -", 1);
            var glued = groups.StartsGlued(text);
            var resume = glued && groups.Count > 1 ? groups[1].Start : end;
            if (!glued && groups.TrimGlued(text) && end - i >= 13)
            {
                var best = (Start: -1, End: -1);
                for (var a = 0; a < groups.Count && best.Start < 0; a++)
                {
                    for (var b = groups.Count - 1; b >= a; b--)
                    {
                        var n = groups.Digits(a, b);
                        if (n is < 13 or > 19 || !SameSeparators(text, groups, a, b))
                        {
                            continue;
                        }

                        var k = 0;
                        for (var g = a; g <= b; g++)
                        {
                            var (s, e) = groups[g];
                            text.AsSpan(s, e - s).CopyTo(digits[k..]);
                            k += e - s;
                        }

                        if (Checksums.IsKnownCardIin(digits[..k]) && Checksums.Luhn(digits[..k]))
                        {
                            best = (groups[a].Start, groups[b].End);
                            break;
                        }
                    }
                }

                if (best.Start >= 0 && !ContextWords.IsReference(text, best.Start))
                {
                    found.Add(new Detection(best.Start, best.End, RedactionKinds.Card));
                }
            }

            var next = text.AsSpan(resume).IndexOfAnyInRange('0', '9');
            i = next < 0 ? -1 : resume + next;
        }
    }

    private static bool SameSeparators(string text, DigitGroups groups, int a, int b)
    {
        if (b == a)
        {
            return true;
        }

        var first = groups.Separator(text, a);
        for (var g = a + 1; g < b; g++)
        {
            if (!groups.Separator(text, g).SequenceEqual(first))
            {
                return false;
            }
        }

        return true;
    }
}
