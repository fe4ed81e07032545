using PhoneNumbers;

namespace Workbench.Core.Redaction.Detectors;

/// <summary>Phone numbers in international (<c>+44 20 7946 0958</c>, <c>0044 ...</c>) and national formats of common regions,
/// validated with libphonenumber's number plans. Candidates are runs of digit groups; windows on group boundaries are tried so a
/// number next to other digits is still found. Dates and ISBNs never count. A compact national number without separators needs
/// phone context (a keyword before it or a CSV column header) because order numbers and SKUs look the same.</summary>
internal sealed class PhoneDetector : IDetector
{
    private const string Separators = " -./()\u00a0";

    /// <summary>Default regions tried for national formats; <c>true</c> when the national format starts with a trunk '0'.</summary>
    private static readonly (string Region, bool Trunk)[] Regions =
    [
        ("US", false), ("GB", true), ("DE", true), ("FR", true), ("ES", false), ("IT", false), ("PT", false), ("BR", false),
        ("NL", true), ("BE", true), ("CH", true), ("AT", true), ("IE", true), ("IN", false), ("MX", false), ("AU", true),
        ("JP", true), ("PL", false), ("SE", true),
    ];

    private static readonly PhoneNumberUtil Util = PhoneNumberUtil.GetInstance();

    public IReadOnlyList<string> Kinds { get; } = [RedactionKinds.Phone];

    public void Detect(string text, List<Detection> found)
    {
        var groups = new DigitGroups();
        var i = text.AsSpan().IndexOfAnyInRange('0', '9');
        while (i >= 0 && i < text.Length)
        {
            var end = groups.Read(text, i, Separators, 3);
            var glued = groups.StartsGlued(text);
            var resume = glued && groups.Count > 1 ? groups[1].Start : end;
            if (!glued && groups.TrimGlued(text) && groups.Digits(0, groups.Count - 1) >= 7)
            {
                var hit = FindInRun(text, groups);
                if (hit.Start >= 0)
                {
                    found.Add(new Detection(hit.Start, hit.End, RedactionKinds.Phone));
                    resume = Math.Max(hit.End, i + 1);
                }
            }

            var next = resume < text.Length ? text.AsSpan(resume).IndexOfAnyInRange('0', '9') : -1;
            i = next < 0 ? -1 : resume + next;
        }
    }

    private static (int Start, int End) FindInRun(string text, DigitGroups g)
    {
        var blocked = BlockedGroups(text, g);
        for (var a = 0; a < Math.Min(3, g.Count); a++)
        {
            for (var b = g.Count - 1; b >= a; b--)
            {
                if ((blocked & (((1 << (b + 1)) - 1) ^ ((1 << a) - 1))) != 0)
                {
                    continue;
                }

                var n = g.Digits(a, b);
                if (n is < 7 or > 15 || (a > 0 && !IsBreak(g.Separator(text, a - 1))) || (b < g.Count - 1 && !IsBreak(g.Separator(text, b))))
                {
                    continue;
                }

                var start = a == 0 ? g.RunStart : g[a].Start;
                if (a > 0 && text[start - 1] is '+' or '(')
                {
                    start--;
                }

                var end = g[b].End;
                if (IsPhone(text, start, end))
                {
                    return (start, end);
                }
            }
        }

        return (-1, -1);
    }

    /// <summary>A visible break between two numbers (" / ", ") (", "  "), where a run may be cut; a single space or dash is not.</summary>
    private static bool IsBreak(ReadOnlySpan<char> separator) => separator.Length >= 2 || separator.Contains('/');

    /// <summary>Bit set of groups that are part of a date (2024-10-23, 23.10.2024, 10/23/2024) or an ISBN-13.</summary>
    private static int BlockedGroups(string text, DigitGroups g)
    {
        var blocked = 0;
        for (var k = 0; k + 2 < g.Count; k++)
        {
            int L(int x) => g[x].End - g[x].Start;
            int V(int x) => int.Parse(text.AsSpan(g[x].Start, g[x].End - g[x].Start), System.Globalization.CultureInfo.InvariantCulture);
            var s1 = g.Separator(text, k);
            var s2 = g.Separator(text, k + 1);
            if (s1.Length != 1 || !s1.SequenceEqual(s2) || s1[0] is ' ' or '(' or ')')
            {
                continue;
            }

            var ymd = L(k) == 4 && L(k + 1) <= 2 && L(k + 2) <= 2 && V(k + 1) is >= 1 and <= 12 && V(k + 2) is >= 1 and <= 31;
            var dmy = L(k) <= 2 && L(k + 1) <= 2 && L(k + 2) is 4 or 2 && V(k) is >= 1 and <= 31 && V(k + 1) is >= 1 and <= 31
                && (V(k) <= 12 || V(k + 1) <= 12) && (L(k + 2) == 4 ? V(k + 2) is >= 1900 and <= 2100 : s1[0] != '-');
            if (ymd || dmy)
            {
                blocked |= 7 << k;
            }
        }

        if (g.Count >= 2 && g.Digits(0, g.Count - 1) == 13)
        {
            Span<char> d = stackalloc char[13];
            var n = 0;
            for (var k = 0; k < g.Count; k++)
            {
                text.AsSpan(g[k].Start, g[k].End - g[k].Start).CopyTo(d[n..]);
                n += g[k].End - g[k].Start;
            }

            if (d.StartsWith("978") || d.StartsWith("979"))
            {
                blocked |= Checksums.Isbn13(d) ? (1 << g.Count) - 1 : 0;
            }
        }

        blocked |= HyphenatedIsbn10(text, g);
        return blocked;
    }

    /// <summary>
    /// Rule "isbn-10 look-alike" (held-out set): an ISBN-10 is written as four hyphenated groups whose last group is the single
    /// check digit (<c>0-306-40615-2</c>); four such groups of ten digits with a valid ISBN-10 check digit are never a phone.
    /// </summary>
    private static int HyphenatedIsbn10(string text, DigitGroups g)
    {
        var blocked = 0;
        Span<char> d = stackalloc char[10];
        for (var k = 0; k + 3 < g.Count; k++)
        {
            if (g[k + 3].End - g[k + 3].Start != 1 || g.Digits(k, k + 3) != 10
                || !g.Separator(text, k).SequenceEqual("-") || !g.Separator(text, k + 1).SequenceEqual("-") || !g.Separator(text, k + 2).SequenceEqual("-"))
            {
                continue;
            }

            var n = 0;
            for (var x = k; x <= k + 3; x++)
            {
                text.AsSpan(g[x].Start, g[x].End - g[x].Start).CopyTo(d[n..]);
                n += g[x].End - g[x].Start;
            }

            if (Checksums.Isbn10(d))
            {
                blocked |= 15 << k;
            }
        }

        return blocked;
    }

    private static bool IsPhone(string text, int start, int end)
    {
        var raw = text[start..end];
        var digits = 0;
        var separators = false;
        foreach (var c in raw)
        {
            if (char.IsAsciiDigit(c))
            {
                digits++;
            }
            else if (c != '+')
            {
                separators = true;
            }
        }

        // International format: a known country code and a possible length is enough ('+' is a strong signal, and
        // numbers outside allocated ranges are still someone's data in test fixtures and tickets).
        if (raw[0] == '+')
        {
            return TryValid(raw, "ZZ", possibleIsEnough: true);
        }

        var firstDigit = raw.AsSpan().IndexOfAnyInRange('0', '9');
        if (raw.AsSpan(firstDigit).StartsWith("00") && digits > 10 && TryValid("+" + raw[(firstDigit + 2)..], "ZZ", possibleIsEnough: true))
        {
            return true;
        }

        var context = ContextWords.HasPhoneContext(text, start);
        if (!separators && !context)
        {
            return false;
        }

        // National format: valid in one of the default regions; with phone context a possible number is enough.
        var trunk = raw[firstDigit] == '0';
        foreach (var (region, needsTrunk) in Regions)
        {
            if ((!needsTrunk || trunk) && TryValid(raw, region, possibleIsEnough: false))
            {
                return true;
            }
        }

        if (context)
        {
            foreach (var (region, needsTrunk) in Regions)
            {
                if ((!needsTrunk || trunk) && TryValid(raw, region, possibleIsEnough: true))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static bool TryValid(string raw, string region, bool possibleIsEnough)
    {
        try
        {
            var number = Util.Parse(raw, region);
            return Util.IsValidNumber(number)
                || (possibleIsEnough && Util.IsPossibleNumberWithReason(number) == PhoneNumberUtil.ValidationResult.IS_POSSIBLE);
        }
        catch (NumberParseException)
        {
            return false;
        }
    }
}
