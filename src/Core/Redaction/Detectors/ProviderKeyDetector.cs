using System.Text.Json;
using System.Text.RegularExpressions;

namespace Workbench.Core.Redaction.Detectors;

/// <summary>Secrets with a recognisable provider format (prefix, alphabet, length), after the public gitleaks rules:
/// OpenAI, Anthropic, AWS access key ids, GitHub, Slack, Stripe, Google API keys, this workbench's own API tokens (pwb_) and JWTs (header must decode to JSON with "alg").</summary>
/// <remarks>
/// Linear time without NonBacktracking's automata (ADR-004, later changes): each pattern is a literal prefix followed by
/// runs of one character class, and every run is followed by nothing or by a character outside its class, so the
/// generated matchers never backtrack into a run (their generated source says "atomically" for each loop). A failed attempt
/// can only fail on a run shorter than its minimum, so it reads a bounded number of characters; a successful one consumes
/// what it read. The JWT shape is the exception (a long first segment, then a required dot) and is read by hand.
/// </remarks>
internal sealed partial class ProviderKeyDetector : IDetector
{
    private static readonly SecretRule[] Rules =
    [
        new(RedactionKinds.SecretAnthropic, ["sk-ant-"], Anthropic()),
        new(RedactionKinds.SecretOpenAi, ["sk-"], OpenAi(), IsOpenAi),
        new(RedactionKinds.SecretAws, ["AKIA", "ASIA", "ABIA", "ACCA", "AGPA", "AIDA", "AROA", "AIPA", "ANPA", "ANVA", "APKA", "A3T"], AwsAccessKeyId(), NotFollowedByAlnum),
        new(RedactionKinds.SecretGitHub, ["ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_"], GitHub()),
        new(RedactionKinds.SecretSlack, ["xox", "xapp-", "hooks.slack.com"], Slack()),
        new(RedactionKinds.SecretStripe, ["_live_", "_test_", "whsec_"], Stripe()),
        new(RedactionKinds.SecretGoogle, ["AIza", "ya29.", "GOCSPX-"], Google()),
        new(RedactionKinds.SecretWorkbench, ["pwb_"], Workbench()),
        new(RedactionKinds.SecretJwt, ["eyJ"], NextJwt, IsJwt),
    ];

    public IReadOnlyList<string> Kinds { get; } =
    [
        RedactionKinds.SecretAnthropic, RedactionKinds.SecretOpenAi, RedactionKinds.SecretAws, RedactionKinds.SecretGitHub,
        RedactionKinds.SecretSlack, RedactionKinds.SecretStripe, RedactionKinds.SecretGoogle, RedactionKinds.SecretJwt,
        RedactionKinds.SecretWorkbench,
    ];

    private static readonly System.Buffers.SearchValues<string> AnyKeyword = System.Buffers.SearchValues.Create(
        ["sk-", "AKIA", "ASIA", "ABIA", "ACCA", "AGPA", "AIDA", "AROA", "AIPA", "ANPA", "ANVA", "APKA", "A3T", "ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_", "xox", "xapp-",
         "hooks.slack.com", "_live_", "_test_", "whsec_", "AIza", "ya29.", "GOCSPX-", "eyJ", "pwb_"],
        StringComparison.Ordinal);

    public void Detect(string text, List<Detection> found)
    {
        if (text.AsSpan().IndexOfAny(AnyKeyword) < 0)
        {
            return;
        }

        foreach (var rule in Rules)
        {
            rule.Detect(text, found);
        }
    }

    [GeneratedRegex("sk-ant-[A-Za-z0-9_-]{20,}", RegexOptions.CultureInvariant)]
    internal static partial Regex Anthropic();

    [GeneratedRegex("sk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,}", RegexOptions.CultureInvariant)]
    internal static partial Regex OpenAi();

    [GeneratedRegex("(?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA|AGPA|AIDA|AROA|AIPA|ANPA|ANVA|APKA)[A-Z0-9]{16}", RegexOptions.CultureInvariant)]
    internal static partial Regex AwsAccessKeyId();

    [GeneratedRegex("gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{22,}", RegexOptions.CultureInvariant)]
    internal static partial Regex GitHub();

    [GeneratedRegex("xox[abposre]-[A-Za-z0-9-]{10,}|xapp-[0-9]-[A-Za-z0-9-]{10,}|https://hooks\\.slack\\.com/services/[A-Za-z0-9/_-]{20,}", RegexOptions.CultureInvariant)]
    internal static partial Regex Slack();

    [GeneratedRegex("(?:sk|rk|pk)_(?:live|test)_[A-Za-z0-9]{10,}|whsec_[A-Za-z0-9]{20,}", RegexOptions.CultureInvariant)]
    internal static partial Regex Stripe();

    [GeneratedRegex("AIza[A-Za-z0-9_-]{35}|ya29\\.[A-Za-z0-9_-]{20,}|GOCSPX-[A-Za-z0-9_-]{20,}", RegexOptions.CultureInvariant)]
    internal static partial Regex Google();

    [GeneratedRegex("pwb_[A-Za-z0-9_-]{32,}", RegexOptions.CultureInvariant)]
    internal static partial Regex Workbench();

    /// <summary>
    /// What <c>eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{2,}\.[A-Za-z0-9_-]*</c> matches, read by hand: a backtracking matcher would
    /// read the first segment again from every "eyJ" inside it when no dot follows (quadratic). Every "eyJ" inside a failed
    /// first segment ends that segment at the same place and meets the same characters after it, so the search goes on
    /// after the segment: each character is read a bounded number of times.
    /// </summary>
    internal static bool NextJwt(string text, int from, out int start, out int end)
    {
        while (from < text.Length)
        {
            var s = text.IndexOf("eyJ", from, StringComparison.Ordinal);
            if (s < 0)
            {
                break;
            }

            var header = RunEnd(text, s + 3);
            if (header - (s + 3) >= 8 && header < text.Length && text[header] == '.')
            {
                var payload = RunEnd(text, header + 1);
                if (payload - (header + 1) >= 2 && payload < text.Length && text[payload] == '.')
                {
                    start = s;
                    end = RunEnd(text, payload + 1);
                    return true;
                }
            }

            from = header;
        }

        start = end = 0;
        return false;
    }

    /// <summary>The end of the run of base64url characters (<c>[A-Za-z0-9_-]</c>) from <paramref name="i"/>.</summary>
    private static int RunEnd(string text, int i)
    {
        var run = text.AsSpan(i).IndexOfAnyExcept(Base64Url);
        return run < 0 ? text.Length : i + run;
    }

    private static readonly System.Buffers.SearchValues<char> Base64Url =
        System.Buffers.SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-");

    private static bool NotFollowedByAlnum(string text, int s, int e) => e == text.Length || !char.IsAsciiLetterOrDigit(text[e]);

    /// <summary>Not an Anthropic key, and not a hyphenated lower-case word (package names in the style of scikit-learn's "sk" prefix).</summary>
    private static bool IsOpenAi(string text, int s, int e)
    {
        var value = text.AsSpan(s, e - s);
        if (value.StartsWith("sk-ant-", StringComparison.Ordinal))
        {
            return false;
        }

        foreach (var c in value[3..])
        {
            if (char.IsAsciiDigit(c) || char.IsAsciiLetterUpper(c) || c == '_')
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsJwt(string text, int s, int e)
    {
        var dot = text.IndexOf('.', s, e - s);
        var header = text.AsSpan(s, dot - s);
        if (header.Length > 4000)
        {
            return false;
        }

        Span<char> b64 = stackalloc char[header.Length + 4];
        header.CopyTo(b64);
        var n = header.Length;
        for (var i = 0; i < n; i++)
        {
            b64[i] = b64[i] switch { '-' => '+', '_' => '/', var c => c };
        }

        while (n % 4 != 0)
        {
            b64[n++] = '=';
        }

        Span<byte> bytes = stackalloc byte[n];
        if (!Convert.TryFromBase64Chars(b64[..n], bytes, out var written))
        {
            return false;
        }

        try
        {
            using var doc = JsonDocument.Parse(bytes[..written].ToArray());
            return doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("alg", out _);
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
