using System.Text;
using System.Text.RegularExpressions;
using Workbench.Core.Redaction;
using Workbench.Core.Redaction.Detectors;

namespace Workbench.Core.Tests.Redaction;

/// <summary>
/// The built-in detectors' patterns moved from NonBacktracking regexes (whose automata held about 12–16 MB of the app's
/// heap) to source-generated ones and a hand scanner for JWTs (ADR-004, later changes). Each must find exactly what its
/// NonBacktracking original found, on the corpus and on random text made of the pieces the patterns care about.
/// </summary>
public class BuiltInPatternTests
{
    private const RegexOptions Original = RegexOptions.NonBacktracking | RegexOptions.CultureInvariant;

    /// <summary>Each pattern as it was before (session 10), with its options, and the finder that replaced it.</summary>
    public static TheoryData<string> PatternNames() => [.. Patterns.Keys];

    private static readonly Dictionary<string, (Regex Reference, Func<string, List<(int, int, int, int)>> Find)> Patterns = new()
    {
        ["anthropic"] = (new("sk-ant-[A-Za-z0-9_-]{20,}", Original), RegexSpans(ProviderKeyDetector.Anthropic())),
        ["openai"] = (new("sk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,}", Original), RegexSpans(ProviderKeyDetector.OpenAi())),
        ["aws-id"] = (new("(?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA|AGPA|AIDA|AROA|AIPA|ANPA|ANVA|APKA)[A-Z0-9]{16}", Original), RegexSpans(ProviderKeyDetector.AwsAccessKeyId())),
        ["github"] = (new("gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{22,}", Original), RegexSpans(ProviderKeyDetector.GitHub())),
        ["slack"] = (new("xox[abposre]-[A-Za-z0-9-]{10,}|xapp-[0-9]-[A-Za-z0-9-]{10,}|https://hooks\\.slack\\.com/services/[A-Za-z0-9/_-]{20,}", Original), RegexSpans(ProviderKeyDetector.Slack())),
        ["stripe"] = (new("(?:sk|rk|pk)_(?:live|test)_[A-Za-z0-9]{10,}|whsec_[A-Za-z0-9]{20,}", Original), RegexSpans(ProviderKeyDetector.Stripe())),
        ["google"] = (new("AIza[A-Za-z0-9_-]{35}|ya29\\.[A-Za-z0-9_-]{20,}|GOCSPX-[A-Za-z0-9_-]{20,}", Original), RegexSpans(ProviderKeyDetector.Google())),
        ["workbench"] = (new("pwb_[A-Za-z0-9_-]{32,}", Original), RegexSpans(ProviderKeyDetector.Workbench())),
        ["jwt"] = (new("eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{2,}\\.[A-Za-z0-9_-]{0,}", Original), JwtSpans),
        ["bearer"] = (new(@"(?:bearer|token)[ \t]+([A-Za-z0-9._~+/-]{12,}=*)|authorization[""']?[ \t]*[:=][ \t]*[""']?basic[ \t]+([A-Za-z0-9+/]{8,}={0,2})", Original | RegexOptions.IgnoreCase), RegexSpans(CredentialDetector.Bearer())),
        ["assignment"] = (new(@"(?:pass(?:word|wd|phrase|code)?|pwd|secret|api[_-]?key|apikey|access[_-]?key|private[_-]?key|secret[_-]?key|auth[_-]?key|token|credentials?|session[_-]?(?:id|key|token)|sessionid|contraseña|passwort|kennwort|senha|mot de passe)\\?[""'`]?[ \t]*(?::=|=>|=|:)[ \t]*", Original | RegexOptions.IgnoreCase), RegexSpans(CredentialDetector.Assignment())),
        ["prose"] = (new(@"(?:password|passwd|passcode|contraseña|passwort|kennwort|senha|mot de passe)[ \t]+(?:is|was|ist|es|est|é|era)[ \t]*:?[ \t]+", Original | RegexOptions.IgnoreCase), RegexSpans(CredentialDetector.Prose())),
        ["csv-header"] = (new("(?:pass(?:word|wd|phrase)?|pwd|secret|api[_-]?key|apikey|access[_-]?key|private[_-]?key|secret[_-]?key|token|credentials?)$", Original | RegexOptions.IgnoreCase), RegexSpans(CsvColumnDetector.SecretHeader())),
        ["aws-secret"] = (new("[A-Za-z0-9/+]{40}", Original), RegexSpans(AwsSecretKeyDetector.Candidate())),
        ["aws-secret-id"] = (new("(?:AKIA|ASIA)[A-Z0-9]{16}", Original), RegexSpans(AwsSecretKeyDetector.AccessKeyId())),
        ["ipv6"] = (new("[0-9A-Fa-f]{0,4}:[0-9A-Fa-f:.]{2,60}", Original), RegexSpans(IpDetector.V6())),
        ["placeholder"] = (new(@"\[(?:EMAIL|PHONE|CARD|IBAN|SSN|IP|SECRET:[a-z0-9-]{1,40}|CUSTOM:[^\[\]\s#""\\]{1,64})(?:#[0-9]{1,6})?\]", Original), RegexSpans(RedactionPlaceholders.Pattern())),
    };

    /// <summary>Prefixes and keywords of every pattern, runs of their classes, separators, and characters whose case folds
    /// oddly (Kelvin sign, long s, dotted and dotless i) or that are not ASCII.</summary>
    private static readonly string[] Pieces =
    [
        "sk-", "sk-ant-", "proj-", "svcacct-", "AKIA", "ASIA", "A3T", "ghp_", "gho_", "github_pat_", "xoxb-", "xapp-", "1-",
        "https://hooks.slack.com/services/", "sk_live_", "pk_test_", "whsec_", "AIza", "ya29.", "GOCSPX-", "pwb_", "eyJ",
        "bearer", "Token", "TOKEN", "authorization", "Basic", "password", "PassWord", "passwd", "pwd", "secret", "api_key",
        "api-key", "ApiKey", "session_id", "sessionid", "credentials", "contraseña", "Passwort", "mot de passe", "is", "was",
        "é", ":", "=", ":=", "=>", "\"", "'", "`", "\\", " ", " ", "\t", "\n", ".", "-", "_", "/", "+", "~", "#", "[", "]",
        "EMAIL", "SECRET:", "CUSTOM:", "#12", "Ab3", "xyz", "QQQQQQQQ", "0123456789", "abcdefghij", "ABCDEFGHIJ", "deadbeef",
        "::", "fe80", "\u212A", "\u017F", "\u0130", "\u0131", "ß", "\u00a0",
        "eyJhbGciOi", "JIUzI1NiJ9", "7QW3ERTY9UIO2PAS", "ABCDEFGHIJKLMNOP", "password ", " is ", "was: ", "[EMAIL]", "[IP#1]",
        "[SECRET:openai#2]", "[CUSTOM:", "[PHONE", "eyJhbGciOiJIUzI1NiJ9.", "Zm9vYmFy.",
    ];

    [Theory]
    [MemberData(nameof(PatternNames))]
    public void Corpus_EverySample_SameMatchesAsTheNonBacktrackingOriginal(string name)
    {
        var (reference, find) = Patterns[name];
        var directory = RedactionCorpus.FindDirectory();
        Assert.NotNull(directory);

        foreach (var sample in RedactionCorpus.Load(directory))
        {
            Assert.Equal(ReferenceSpans(reference, sample.Text), find(sample.Text));
        }
    }

    [Theory]
    [MemberData(nameof(PatternNames))]
    public void RandomText_OfThePiecesThatMatter_SameMatchesAsTheNonBacktrackingOriginal(string name)
    {
        var (reference, find) = Patterns[name];
        var random = new Random(20261208 ^ name.Length);
        var matches = 0;
        for (var n = 0; n < 20_000; n++)
        {
            var text = new StringBuilder();
            for (var i = random.Next(1, 40); i > 0; i--)
            {
                text.Append(Pieces[random.Next(Pieces.Length)]);
            }

            var value = text.ToString();
            var expected = ReferenceSpans(reference, value);
            matches += expected.Count;
            Assert.True(expected.SequenceEqual(find(value)), $"{name} differs on \"{value}\"");
        }

        // Not vacuous: the random texts do contain matches of this pattern.
        Assert.True(matches >= 50, $"only {matches} matches of {name} among the random texts");
    }

    [Theory]
    [InlineData("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig-_x", 0, 43)]
    [InlineData("token=eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.", 6, 43)]
    [InlineData("eyJeyJeyJeyJabc.de.", 0, 19)] // an "eyJ" inside the header belongs to the first match
    [InlineData("eyJshort.eyJhbGciOiJIUzI1NiJ9.xy.", 9, 33)] // the first header is too short; the next one starts a match
    public void NextJwt_FindsTheTokenShape(string text, int start, int end)
    {
        Assert.True(ProviderKeyDetector.NextJwt(text, 0, out var s, out var e));
        Assert.Equal((start, end), (s, e));
    }

    [Theory]
    [InlineData("eyJhbGciOiJIUzI1NiJ9")] // no dot
    [InlineData("eyJhbGciOiJIUzI1NiJ9.e.")] // a payload of one character
    [InlineData("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0")] // no second dot
    [InlineData("eyJ1234567.ab.")] // a header of seven characters
    [InlineData("")]
    public void NextJwt_NotTheTokenShape_FindsNothing(string text)
    {
        Assert.False(ProviderKeyDetector.NextJwt(text, 0, out _, out _));
    }

    private static Func<string, List<(int, int, int, int)>> RegexSpans(Regex pattern) =>
        text => [.. pattern.Matches(text).Select(Span)];

    private static List<(int, int, int, int)> JwtSpans(string text)
    {
        var spans = new List<(int, int, int, int)>();
        for (var from = 0; from < text.Length && ProviderKeyDetector.NextJwt(text, from, out var s, out var e); from = e)
        {
            spans.Add((s, e, -1, -1));
        }

        return spans;
    }

    private static List<(int, int, int, int)> ReferenceSpans(Regex reference, string text) => [.. reference.Matches(text).Select(Span)];

    /// <summary>The whole match, and the capture group that holds the value where the pattern has one (else -1, -1).</summary>
    private static (int, int, int, int) Span(Match m)
    {
        var value = m.Groups.Values.Skip(1).FirstOrDefault(g => g.Success);
        return (m.Index, m.Index + m.Length, value?.Index ?? -1, value is null ? -1 : value.Index + value.Length);
    }
}
