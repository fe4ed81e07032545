using System.Text.Json;

namespace Workbench.Core.Redaction.Detectors;

/// <summary>Secrets with a recognisable provider format (prefix, alphabet, length), after the public gitleaks rules:
/// OpenAI, Anthropic, AWS access key ids, GitHub, Slack, Stripe, Google API keys, this workbench's own API tokens (pwb_) and JWTs (header must decode to JSON with "alg").</summary>
internal sealed class ProviderKeyDetector : IDetector
{
    private static readonly SecretRule[] Rules =
    [
        new(RedactionKinds.SecretAnthropic, ["sk-ant-"], "sk-ant-[A-Za-z0-9_-]{20,}"),
        new(RedactionKinds.SecretOpenAi, ["sk-"], "sk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,}", IsOpenAi),
        new(RedactionKinds.SecretAws, ["AKIA", "ASIA", "ABIA", "ACCA", "AGPA", "AIDA", "AROA", "AIPA", "ANPA", "ANVA", "APKA", "A3T"],
            "(?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA|AGPA|AIDA|AROA|AIPA|ANPA|ANVA|APKA)[A-Z0-9]{16}", NotFollowedByAlnum),
        new(RedactionKinds.SecretGitHub, ["ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_"],
            "gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{22,}"),
        new(RedactionKinds.SecretSlack, ["xox", "xapp-", "hooks.slack.com"],
            "xox[abposre]-[A-Za-z0-9-]{10,}|xapp-[0-9]-[A-Za-z0-9-]{10,}|https://hooks\\.slack\\.com/services/[A-Za-z0-9/_-]{20,}"),
        new(RedactionKinds.SecretStripe, ["_live_", "_test_", "whsec_"], "(?:sk|rk|pk)_(?:live|test)_[A-Za-z0-9]{10,}|whsec_[A-Za-z0-9]{20,}"),
        new(RedactionKinds.SecretGoogle, ["AIza", "ya29.", "GOCSPX-"], "AIza[A-Za-z0-9_-]{35}|ya29\\.[A-Za-z0-9_-]{20,}|GOCSPX-[A-Za-z0-9_-]{20,}"),
        new(RedactionKinds.SecretWorkbench, ["pwb_"], "pwb_[A-Za-z0-9_-]{32,}"),
        new(RedactionKinds.SecretJwt, ["eyJ"], "eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{2,}\\.[A-Za-z0-9_-]{0,}", IsJwt),
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
