using System.Text;
using System.Text.RegularExpressions;
using Workbench.Core.Redaction;
using Workbench.Core.Redaction.Detectors;

namespace Workbench.Core.Tests.Redaction;

/// <summary>
/// The password of <c>scheme://user:password@host</c> is read by hand (its regex's automaton grew to about 25 MB): it must
/// find exactly what the regex it replaced found, on the corpus and on random text made of the characters that matter.
/// </summary>
public class UrlPasswordTests
{
    /// <summary>The pattern used before (session 9), group 1 being the password.</summary>
    private static readonly Regex Reference = new(
        @"[A-Za-z][A-Za-z0-9+.-]{1,30}://[^\s:/@""'<>]{0,}:([^\s/@""'<>]{1,})@[A-Za-z0-9\[]",
        RegexOptions.CultureInvariant);

    [Theory]
    [InlineData("postgres://app:S3cr3tPass@db.internal:5432/app", "S3cr3tPass")]
    [InlineData("amqp://:only-a-password@broker", "only-a-password")]
    [InlineData("see https://user:pa:ss@[::1]/x", "pa:ss")]
    [InlineData("x+y.z-1://u:p@h", "p")]
    public void Url_WithPassword_ReportsThePasswordOnly(string text, string password)
    {
        var found = new List<Detection>();

        CredentialDetector.AddUrlPasswords(text, found);

        var detection = Assert.Single(found);
        Assert.Equal(password, text[detection.Start..detection.End]);
        Assert.Equal(RedactionKinds.SecretPassword, detection.Kind);
    }

    [Theory]
    [InlineData("https://example.com/path")]
    [InlineData("a://u:p@h")] // a one-letter scheme
    [InlineData("1a://u:p@h")] // a scheme starts with a letter
    [InlineData("https://u:@h")] // an empty password
    [InlineData("https://u:p@")] // no host
    [InlineData("https://u:p@-h")] // a host does not start with '-'
    [InlineData("https://u:p w@h")] // whitespace ends the password
    [InlineData("https://u/x:p@h")] // a path before the ':'
    [InlineData("://u:p@h")]
    [InlineData("")]
    public void Url_WithoutAPassword_ReportsNothing(string text)
    {
        var found = new List<Detection>();

        CredentialDetector.AddUrlPasswords(text, found);

        Assert.Empty(found);
    }

    [Fact]
    public void Corpus_EverySample_SameSpansAsTheRegex()
    {
        var directory = RedactionCorpus.FindDirectory();
        Assert.NotNull(directory);
        var samples = RedactionCorpus.Load(directory);
        Assert.NotEmpty(samples);

        var withPasswords = 0;
        foreach (var sample in samples)
        {
            var expected = ReferenceSpans(sample.Text);
            withPasswords += expected.Count > 0 ? 1 : 0;
            Assert.Equal(expected, Spans(sample.Text));
        }

        Assert.True(withPasswords > 0, "the corpus has URLs with passwords");
    }

    [Fact]
    public void RandomText_OfTheCharactersThatMatter_SameSpansAsTheRegex()
    {
        // Pieces of URLs, mostly letters and the separators, so that passwords do turn up; the rest are the characters
        // the pattern treats specially.
        string[] pieces = ["ab", "Zq", "x1", "ab", "Zq", "x1", "://", ":", "@", "+", ".", "-", "/", "[", " ", "\t", "\"", "'", "<", ">", "\u00a0", "é", "9"];
        var random = new Random(20261208);
        var compared = 0;
        for (var n = 0; n < 60_000; n++)
        {
            // Noise, then the parts of a URL with a password, each made of random pieces (so also near misses), then noise.
            var text = new StringBuilder();
            string Part(int max)
            {
                var part = new StringBuilder();
                for (var i = random.Next(0, max + 1); i > 0; i--)
                {
                    part.Append(pieces[random.Next(pieces.Length)]);
                }

                return part.ToString();
            }

            text.Append(Part(3)).Append(Part(2)).Append("://").Append(Part(2)).Append(':').Append(Part(2)).Append('@').Append(Part(2));
            text.Append(random.Next(2) == 0 ? Part(4) : "");

            var value = text.ToString();
            var expected = ReferenceSpans(value);
            compared += expected.Count;
            Assert.True(expected.SequenceEqual(Spans(value)), $"differs on \"{value}\"");
        }

        Assert.True(compared > 500, $"only {compared} passwords among the random texts");
    }

    [Fact]
    public void LongSchemeRun_TheLast31CharactersCount()
    {
        var text = new string('a', 100) + "://u:secret@h";

        Assert.Equal(ReferenceSpans(text), Spans(text));
        Assert.Single(Spans(text));
    }

    private static List<(int, int)> ReferenceSpans(string text) =>
        [.. Reference.Matches(text).Select(m => (m.Groups[1].Index, m.Groups[1].Index + m.Groups[1].Length))];

    private static List<(int, int)> Spans(string text)
    {
        var found = new List<Detection>();
        CredentialDetector.AddUrlPasswords(text, found);
        return [.. found.Select(d => (d.Start, d.End))];
    }
}
