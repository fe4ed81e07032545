using System.Buffers;
using System.Text;
using Workbench.Core.Redaction.Detectors;

namespace Workbench.Core.Tests.Redaction;

/// <summary>
/// The context helpers read a bounded number of characters per candidate (a long single-line text full of digit groups
/// made the phone detector quadratic: 7.5 s for 600,000 characters). They must answer what they answered before on
/// ordinary text: compared here with the previous implementations on the corpus and on random CSV-like text.
/// </summary>
public class ScanTests
{
    private static readonly SearchValues<string> Words = SearchValues.Create(["phone", "tel", "ssn"], StringComparison.OrdinalIgnoreCase);

    private static readonly string[] Pieces =
    [
        "name,phone,email\n", "id,tel\n", "a,b\n", "1,2\n", "x", "phone", "tel", " ", "  ", "\t", "\n", "\r\n", ",", "\"", "\"a,b\"",
        "555 1234", "12", "ssn:", "\n\n", "Phone\n", "  \n", "\u2028",
    ];

    [Fact]
    public void Corpus_EveryDigit_SameAnswersAsBefore()
    {
        var directory = RedactionCorpus.FindDirectory();
        Assert.NotNull(directory);
        foreach (var sample in RedactionCorpus.Load(directory))
        {
            for (var pos = 0; pos < sample.Text.Length; pos++)
            {
                if (char.IsAsciiDigit(sample.Text[pos]))
                {
                    AssertSameAnswers(sample.Text, pos);
                }
            }
        }
    }

    [Fact]
    public void RandomCsvLikeText_EveryPosition_SameAnswersAsBefore()
    {
        var random = new Random(20261208);
        var headers = 0;
        for (var n = 0; n < 4_000; n++)
        {
            var text = new StringBuilder();
            for (var i = random.Next(1, 30); i > 0; i--)
            {
                text.Append(Pieces[random.Next(Pieces.Length)]);
            }

            var value = text.ToString();
            for (var pos = 0; pos < value.Length; pos++)
            {
                AssertSameAnswers(value, pos);
                headers += Scan.ColumnHeader(value, pos) is null ? 0 : 1;
            }
        }

        Assert.True(headers > 1_000, $"only {headers} positions with a column header");
    }

    [Fact]
    public void ColumnHeader_RowLongerThanTheLimit_IsNotARow()
    {
        var longRow = new string('x', Scan.MaxRowLength) + ",555 1234";
        var text = "name,phone\n" + longRow;

        Assert.Null(Scan.ColumnHeader(text, text.Length - 3));
        Assert.Equal("phone", Scan.ColumnHeader("name,phone\nx,555 1234", 18));
    }

    private static void AssertSameAnswers(string text, int pos)
    {
        Assert.True(OldColumnHeader(text, pos) == Scan.ColumnHeader(text, pos), $"ColumnHeader differs at {pos} in \"{text}\"");
        Assert.True(OldHasContextBefore(text, pos, Words, 32) == Scan.HasContextBefore(text, pos, Words, 32), $"HasContextBefore differs at {pos} in \"{text}\"");
        Assert.Equal(Math.Max(LineStart(text, pos), pos - 20), Scan.WindowStart(text, pos, 20));
    }

    // The implementations before session 11, unchanged (LineStart was Scan's own helper).
    private static int LineStart(string text, int pos)
    {
        var i = pos <= 0 ? -1 : text.LastIndexOf('\n', pos - 1);
        return i + 1;
    }

    private static bool OldHasContextBefore(string text, int start, SearchValues<string> keywords, int window)
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

    private static string? OldColumnHeader(string text, int pos)
    {
        var lineStart = LineStart(text, pos);
        var lineEnd = Scan.LineEnd(text, pos);
        var line = text.AsSpan(lineStart, lineEnd - lineStart).TrimEnd('\r');
        var fields = Scan.CountFields(line);
        var column = Scan.CountFields(text.AsSpan(lineStart, pos - lineStart)) - 1;
        var cursor = lineStart;
        var limit = Math.Max(0, pos - (64 * 1024));
        var top = -1;
        while (cursor > 0 && cursor > limit)
        {
            var prevStart = LineStart(text, cursor - 1);
            var prev = text.AsSpan(prevStart, cursor - 1 - prevStart).TrimEnd('\r');
            if (prev.Trim().Length == 0 || Scan.CountFields(prev) != fields)
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

        var header = text.AsSpan(top, Scan.LineEnd(text, top) - top).TrimEnd('\r');
        if (!Scan.IsHeader(header))
        {
            return null;
        }

        var i = 0;
        foreach (var range in header.Split(','))
        {
            if (i++ == column)
            {
                return header[range].Trim().Trim('"').ToString();
            }
        }

        return null;
    }
}
