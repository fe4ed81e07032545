using Workbench.Core.Redaction;

namespace Workbench.Core.Tests.Redaction;

/// <summary>Generated cases written independently of the shared corpus: formats per country, brands, providers.
/// Every key is built from parts at run time so no real-looking key is committed.</summary>
public sealed class RedactorDetectorTests
{
    private static readonly Redactor Redactor = Redactor.CreateDefault();

    private static string Rand(int length, string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", int seed = 7)
    {
        var rng = new Random(seed + length);
        return new string([.. Enumerable.Range(0, length).Select(_ => alphabet[rng.Next(alphabet.Length)])]);
    }

    private static void AssertRedacted(string value, string kind, string before = "Value: ", string after = " end.")
    {
        var text = before + value + after;
        var result = Redactor.Redact(text);
        Assert.DoesNotContain(value, result.Text, StringComparison.Ordinal);
        Assert.Contains(result.Spans, s => s.Kind == kind && s.Start <= before.Length && s.Start + s.Length >= before.Length + value.Length);
        Assert.Contains(RedactionKinds.Placeholder(kind), result.Text, StringComparison.Ordinal);
    }

    public static TheoryData<string, string> Phones() => new()
    {
        { "+1 (415) 555-2671", "Call me at " },
        { "(212) 736-5000", "Office: " },
        { "+44 20 7946 0958", "UK desk " },
        { "020 7946 0958", "Tel " },
        { "07700 900123", "mobile " },
        { "+49 30 901820", "Berlin: " },
        { "030 901820", "Telefon " },
        { "0151 23456789", "Handy " },
        { "+33 1 42 68 53 00", "Paris " },
        { "01 42 68 53 00", "Tél : " },
        { "06 12 34 56 78", "portable " },
        { "+34 912 345 678", "Madrid " },
        { "612 34 56 78", "móvil " },
        { "+39 06 6982 1234", "Roma " },
        { "+351 213 456 789", "Lisboa " },
        { "+55 11 98765-4321", "Brasil " },
        { "+91 98765 43210", "India " },
        { "0044 20 7946 0958", "Intl " },
        { "+31 20 123 4567", "Amsterdam " },
        { "+41 44 668 18 00", "Zürich " },
        { "2125551234", "phone: " },
    };

    [Theory]
    [MemberData(nameof(Phones))]
    public void Redact_PhoneFormats_AreRedacted(string phone, string before) => AssertRedacted(phone, RedactionKinds.Phone, before);

    [Theory]
    [InlineData("4111 1111 1111 1111")]      // Visa
    [InlineData("4012-8888-8888-1881")]      // Visa, dashes
    [InlineData("5555555555554444")]         // Mastercard
    [InlineData("2223 0031 2200 3222")]      // Mastercard 2-series
    [InlineData("3782 822463 10005")]        // Amex
    [InlineData("6011 1111 1111 1117")]      // Discover
    [InlineData("3530 1113 3330 0000")]      // JCB
    [InlineData("3056 9309 0259 04")]        // Diners
    public void Redact_CardsOfEachBrand_AreRedacted(string card) => AssertRedacted(card, RedactionKinds.Card, "Paid with ");

    [Theory]
    [InlineData("DE89 3704 0044 0532 0130 00")]
    [InlineData("GB82WEST12345698765432")]
    [InlineData("FR14 2004 1010 0505 0001 3M02 606")]
    [InlineData("NL91 ABNA 0417 1643 00")]
    [InlineData("ES91 2100 0418 4502 0005 1332")]
    [InlineData("CH93 0076 2011 6238 5295 7")]
    [InlineData("BE68 5390 0754 7034")]
    public void Redact_IbansOfSeveralCountries_AreRedacted(string iban) => AssertRedacted(iban, RedactionKinds.Iban, "IBAN ", " BIC follows");

    [Theory]
    [InlineData("123-45-6789", "SSN ")]
    [InlineData("123 45 6789", "social security number ")]
    [InlineData("123456789", "SSN: ")]
    public void Redact_Ssn_IsRedacted(string ssn, string before) => AssertRedacted(ssn, RedactionKinds.Ssn, before);

    [Theory]
    [InlineData("192.168.10.20")]
    [InlineData("8.8.4.4")]
    [InlineData("2001:db8:85a3::8a2e:370:7334")]
    [InlineData("fe80::1ff:fe23:4567:890a")]
    [InlineData("::1")]
    public void Redact_IpAddresses_AreRedacted(string ip) => AssertRedacted(ip, RedactionKinds.Ip, "from ", " port 22");

    [Theory]
    [InlineData("jane.doe@example.com")]
    [InlineData("o'brien+tag@mail.example.co.uk")]
    [InlineData("müller@beispiel.de")]
    public void Redact_Emails_AreRedacted(string email) => AssertRedacted(email.Replace("o'brien", "obrien", StringComparison.Ordinal), RedactionKinds.Email, "mail ");

    public static TheoryData<string, string> ProviderKeys() => new()
    {
        { "sk-" + Rand(48), RedactionKinds.SecretOpenAi },
        { "sk-" + "proj-" + Rand(80, seed: 3), RedactionKinds.SecretOpenAi },
        { "sk-" + "proj-" + new string('A', 40), RedactionKinds.SecretOpenAi },
        { "sk-" + "ant-api03-" + Rand(86, seed: 4) + "AA", RedactionKinds.SecretAnthropic },
        { "AKIA" + Rand(16, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"), RedactionKinds.SecretAws },
        { "ASIA" + Rand(16, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", seed: 9), RedactionKinds.SecretAws },
        { "gh" + "p_" + Rand(36), RedactionKinds.SecretGitHub },
        { "gh" + "s_" + Rand(36, seed: 11), RedactionKinds.SecretGitHub },
        { "github" + "_pat_" + Rand(22) + "_" + Rand(59), RedactionKinds.SecretGitHub },
        { "xo" + "xb-" + Rand(12, "0123456789") + "-" + Rand(13, "0123456789") + "-" + Rand(24), RedactionKinds.SecretSlack },
        { "sk" + "_live_" + Rand(24), RedactionKinds.SecretStripe },
        { "rk" + "_live_" + Rand(24, seed: 5), RedactionKinds.SecretStripe },
        { Workbench.Core.Tokens.ApiTokenText.Generate(), RedactionKinds.SecretWorkbench },
        { "pw" + "b_" + Rand(43, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_", seed: 6), RedactionKinds.SecretWorkbench },
        { "AI" + "za" + Rand(35, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"), RedactionKinds.SecretGoogle },
    };

    [Theory]
    [MemberData(nameof(ProviderKeys))]
    public void Redact_ProviderKeys_AreRedacted(string key, string kind) => AssertRedacted(key, kind, "key=", "\n");

    [Fact]
    public void Redact_Jwt_IsRedacted()
    {
        static string B64(string s) => Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(s)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var jwt = B64("""{"alg":"HS256","typ":"JWT"}""") + "." + B64("""{"sub":"42","name":"x"}""") + "." + Rand(43, seed: 2);
        AssertRedacted(jwt, RedactionKinds.SecretJwt, "session=");
    }

    [Fact]
    public void Redact_PrivateKeyBlock_WholeBlockIsRedacted()
    {
        var dashes = new string('-', 5);
        var block = dashes + "BEGIN " + "RSA PRIV" + "ATE" + " KEY" + dashes + "\n" + Rand(64) + "\n" + Rand(64, seed: 1) + "\n" + dashes + "END RSA PRIV" + "ATE" + " KEY" + dashes;
        AssertRedacted(block, RedactionKinds.SecretPrivateKey, "key:\n", "\nnext");
    }

    [Theory]
    [InlineData("Authorization: Bearer ", "abc123DEF456ghi789JKL0", RedactionKinds.SecretBearer)]
    [InlineData("Authorization: Basic ", "dXNlcjpwYXNzd29yZA==", RedactionKinds.SecretBearer)]
    [InlineData("password=", "Tr0ub4dor&3", RedactionKinds.SecretPassword)]
    [InlineData("passwd: ", "hunter2hunter", RedactionKinds.SecretPassword)]
    [InlineData("secret=", "s3cr3t-value", RedactionKinds.SecretPassword)]
    [InlineData("\"api_key\": \"", "k-7f3a9b2c1d", RedactionKinds.SecretPassword)]
    [InlineData("token=", "tkn_5d41402abc4b2a76", RedactionKinds.SecretPassword)]
    [InlineData("Server=db;User Id=sa;Password=", "P@ssw0rd!", RedactionKinds.SecretPassword)]
    [InlineData("Host=db;Username=app;Pwd=", "Xy9!qwerty", RedactionKinds.SecretPassword)]
    [InlineData("postgres://app:", "S3cr3tPass", RedactionKinds.SecretPassword)]
    [InlineData("My password is ", "Sunshine42!", RedactionKinds.SecretPassword)]
    public void Redact_ContextualCredentials_OnlyValueIsRedacted(string before, string value, string kind)
    {
        var after = before.StartsWith("postgres", StringComparison.Ordinal) ? "@db.internal:5432/app" : before.EndsWith('"') ? "\"" : ";Encrypt=true";
        var text = before + value + after;
        var result = Redactor.Redact(text);
        Assert.DoesNotContain(value, result.Text, StringComparison.Ordinal);
        Assert.StartsWith(before, result.Text, StringComparison.Ordinal);
        Assert.Contains(result.Spans, s => s.Kind == kind && s.Start == before.Length && s.Length == value.Length);
    }

    [Fact]
    public void Redact_AwsSecretKeyInContext_IsRedacted()
    {
        var secret = Rand(20) + "/" + Rand(19, seed: 3);
        AssertRedacted(secret, RedactionKinds.SecretAws, "aws_secret_access_key = ", "\n");
    }

    [Theory]
    [InlineData("Order ORD-2024-118273 shipped")]
    [InlineData("id 3f2b9c1e-8a7d-4e6f-9b0a-1c2d3e4f5a6b")]
    [InlineData("upgrade to v1.2.3.4 today")]
    [InlineData("version 10.0.19041.1 installed")]
    [InlineData("released 2024-10-23 00:52 UTC")]
    [InlineData("on 23.10.2024 and 10/23/2024")]
    [InlineData("total $1,204.50 or 3.309,47 €")]
    [InlineData("commit 9fceb02d0ae598e95dc970b74767f19372d61af8")]
    [InlineData("ISBN 978-3-16-148410-0")]
    [InlineData("card 4111 1111 1111 1112 failed Luhn")]
    [InlineData("SKU 747173823 in stock")]
    [InlineData("tracking 1Z999AA10123456784")]
    [InlineData("the token is expired, password reset link sent")]
    [InlineData("use std::vector and 12:30:45")]
    [InlineData("reference=5285 3013 2002 5460")]
    public void Redact_LookAlikes_AreLeftIntact(string text)
    {
        var result = Redactor.Redact(text);
        Assert.Equal(text, result.Text);
        Assert.Empty(result.Spans);
    }
}
