namespace Workbench.Core.Redaction;

/// <summary>The <see cref="RedactedSpan.Kind"/> values, also the keys of <see cref="RedactionOptions.Detectors"/>.
/// The group key <see cref="Secret"/> switches every secret detector at once.</summary>
public static class RedactionKinds
{
    public const string Email = "email";
    public const string Phone = "phone";
    public const string Card = "card";
    public const string Iban = "iban";
    public const string Ssn = "ssn";
    public const string Ip = "ip";
    public const string Secret = "secret";
    public const string SecretOpenAi = "secret:openai";
    public const string SecretAnthropic = "secret:anthropic";
    public const string SecretAws = "secret:aws";
    public const string SecretGitHub = "secret:github";
    public const string SecretSlack = "secret:slack";
    public const string SecretStripe = "secret:stripe";
    public const string SecretGoogle = "secret:google";
    public const string SecretJwt = "secret:jwt";
    public const string SecretWorkbench = "secret:workbench";
    public const string SecretPrivateKey = "secret:private-key";
    public const string SecretBearer = "secret:bearer";
    public const string SecretPassword = "secret:password";

    /// <summary>Prefix of custom pattern and custom term kinds (<c>custom:name</c>).</summary>
    public const string CustomPrefix = "custom:";

    /// <summary>Kind of the configured custom terms.</summary>
    public const string CustomTerm = "custom:term";

    /// <summary>Every built-in kind.</summary>
    public static IReadOnlyList<string> BuiltIn { get; } =
    [
        Email, Phone, Card, Iban, Ssn, Ip, SecretOpenAi, SecretAnthropic, SecretAws, SecretGitHub, SecretSlack, SecretStripe,
        SecretGoogle, SecretJwt, SecretWorkbench, SecretPrivateKey, SecretBearer, SecretPassword,
    ];

    /// <summary>The placeholder for a kind: <c>[EMAIL]</c>, <c>[SECRET:openai]</c>, <c>[CUSTOM:name]</c>; with a number,
    /// <c>[EMAIL#2]</c>. Contains no quote or backslash, so it is safe inside a JSON string.</summary>
    public static string Placeholder(string kind, int number = 0)
    {
        ArgumentNullException.ThrowIfNull(kind);
        var colon = kind.IndexOf(':', StringComparison.Ordinal);
        var head = colon < 0 ? kind.ToUpperInvariant() : string.Concat(kind[..colon].ToUpperInvariant(), kind.AsSpan(colon));
        return number > 0 ? $"[{head}#{number.ToString(System.Globalization.CultureInfo.InvariantCulture)}]" : $"[{head}]";
    }
}
