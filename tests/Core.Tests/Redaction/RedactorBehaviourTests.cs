using System.Text.Json;
using Workbench.Core.Redaction;

namespace Workbench.Core.Tests.Redaction;

public sealed class RedactorBehaviourTests
{
    private static readonly string OpenAiKey = "sk-" + "proj-" + new string('Q', 20) + "9x" + new string('z', 20);

    [Fact]
    public void Redact_Spans_AreOffsetsIntoOriginalText()
    {
        var text = "Mail a@b.example and b@c.example, key " + OpenAiKey;
        var result = Redactor.CreateDefault().Redact(text);

        Assert.Equal(3, result.Spans.Count);
        Assert.Equal("a@b.example", text.Substring(result.Spans[0].Start, result.Spans[0].Length));
        Assert.Equal(OpenAiKey, text.Substring(result.Spans[2].Start, result.Spans[2].Length));
        Assert.Equal("Mail [EMAIL] and [EMAIL], key [SECRET:openai]", result.Text);
    }

    [Fact]
    public void Redact_Numbering_SameValueSameNumberAcrossScope()
    {
        var redactor = Redactor.Create(new RedactionOptions { Numbering = true });
        Assert.Equal("[EMAIL#1] [EMAIL#2] [EMAIL#1]", redactor.Redact("a@x.example b@x.example a@x.example").Text);

        var scope = new RedactionScope();
        Assert.Equal("[EMAIL#1]", redactor.Redact("b@x.example", scope).Text);
        Assert.Equal("[EMAIL#2] [EMAIL#1]", redactor.Redact("a@x.example b@x.example", scope).Text);
    }

    [Fact]
    public void Redact_Overlap_SecretWinsOverGenericAssignment()
    {
        var result = Redactor.CreateDefault().Redact("api_key=" + OpenAiKey);
        Assert.Equal("api_key=[SECRET:openai]", result.Text);
        Assert.Single(result.Spans);
    }

    [Fact]
    public void Create_DisabledKindsAndCustomRules_AreApplied()
    {
        var options = new RedactionOptions
        {
            Detectors = new(StringComparer.OrdinalIgnoreCase) { ["email"] = false, ["secret"] = false, ["secret:jwt"] = true },
            CustomPatterns = [new CustomRedactionPattern { Name = "employee", Pattern = "EMP-[0-9]{6}" }],
            CustomTerms = ["Acme Corp", "Globex"],
        };
        var redactor = Redactor.Create(options);

        var result = redactor.Redact("a@b.example EMP-123456 acme corp GLOBEX Globexian key " + OpenAiKey);

        Assert.Equal("a@b.example [CUSTOM:employee] [CUSTOM:term] [CUSTOM:term] Globexian key " + OpenAiKey, result.Text);
        Assert.False(options.IsEnabled("secret:openai"));
        Assert.True(options.IsEnabled("secret:jwt"));
    }

    [Fact]
    public void Create_InvalidCustomName_Throws() =>
        Assert.Throws<ArgumentException>(() => Redactor.Create(new RedactionOptions { CustomPatterns = [new() { Name = "a\"b", Pattern = "x" }] }));

    [Fact]
    public void Redact_JsonDocuments_StayValidJson()
    {
        var dashes = new string('-', 5);
        var pem = dashes + "BEGIN " + "PRIV" + "ATE" + " KEY" + dashes + "\\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\\nAbCdEf0123456789\\n" + dashes + "END PRIV" + "ATE" + " KEY" + dashes;
        var json = $$"""
            {"email":"jane@example.com","key":"{{OpenAiKey}}","pem":"{{pem}}","password":"p\"w\\d1!","phone":"+44 20 7946 0958",
             "nested":"{\"api_key\": \"abc123xyz\", \"ip\": \"10.0.0.7\"}","card":"4111111111111111","esc":"x\u00e9@y.example",
             "conn":"Server=db;Password=Pa55word!;Encrypt=true","url":"postgres://u:pw12345@db/app"}
            """;
        using var _ = JsonDocument.Parse(json);

        var result = Redactor.CreateDefault().Redact(json);

        using var doc = JsonDocument.Parse(result.Text);
        Assert.Equal("[EMAIL]", doc.RootElement.GetProperty("email").GetString());
        Assert.Equal("[SECRET:openai]", doc.RootElement.GetProperty("key").GetString());
        Assert.Equal("[SECRET:private-key]", doc.RootElement.GetProperty("pem").GetString());
        Assert.DoesNotContain("abc123xyz", result.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Pa55word!", result.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("pw12345", result.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Redact_IsThreadSafe()
    {
        var redactor = Redactor.CreateDefault();
        var text = "write to a@b.example or call +44 20 7946 0958, card 4111 1111 1111 1111";
        var expected = redactor.Redact(text).Text;
        Parallel.For(0, 64, _ => Assert.Equal(expected, redactor.Redact(text).Text));
    }

    public static TheoryData<string> Adversarial() => new()
    {
        new string('1', 200_000),
        string.Concat(Enumerable.Repeat("1 ", 100_000)),
        new string('@', 200_000),
        string.Concat(Enumerable.Repeat("a.", 100_000)),
        string.Concat(Enumerable.Repeat("a@", 100_000)),
        new string('-', 1_000_000),
        string.Concat(Enumerable.Repeat(new string('-', 5) + "BEGIN ", 20_000)),
        string.Concat(Enumerable.Repeat("password=", 20_000)),
        string.Concat(Enumerable.Repeat("eyJhbGciOi.", 20_000)),
        string.Concat(Enumerable.Repeat("sk-", 50_000)) + new string('A', 100_000),
        string.Concat(Enumerable.Repeat("1.2.3.", 50_000)),
        string.Concat(Enumerable.Repeat("ab:", 70_000)),
        string.Concat(Enumerable.Repeat("x://u:p", 30_000)),
        string.Concat(Enumerable.Repeat("DE89 ", 50_000)),
        string.Concat(Enumerable.Repeat("a,b\n", 50_000)),
        new string('A', 300_000),
        string.Concat(Enumerable.Repeat("a@b.cd ", 50_000)),
        string.Concat(Enumerable.Repeat("+44 20 7946 0958, ", 5_000)),
        string.Concat(Enumerable.Repeat("4111 1111 1111 1111 ", 5_000)),

        // The source-generated patterns and the JWT scanner (ADR-004, later changes): repeated prefixes and keywords whose
        // runs a backtracking matcher could read again from every repetition.
        string.Concat(Enumerable.Repeat("eyJ", 300_000)),
        string.Concat(Enumerable.Repeat("eyJ", 100_000)) + ".ab" + string.Concat(Enumerable.Repeat("eyJ", 100_000)),
        string.Concat(Enumerable.Repeat("sk-ant-", 100_000)),
        string.Concat(Enumerable.Repeat("github_pat_", 80_000)),
        string.Concat(Enumerable.Repeat("https://hooks.slack.com/services/", 20_000)),
        string.Concat(Enumerable.Repeat("AKIA", 200_000)),
        string.Concat(Enumerable.Repeat("token ", 100_000)),
        "bearer" + new string(' ', 500_000) + "!",
        string.Concat(Enumerable.Repeat("authorization: basic ", 40_000)),
        string.Concat(Enumerable.Repeat("password is ", 80_000)),
        "password" + new string('\t', 500_000) + "is",
        string.Concat(Enumerable.Repeat("Password: ", 100_000)),
        string.Concat(Enumerable.Repeat("[SECRET:", 100_000)),
        "[CUSTOM:" + new string('x', 500_000),
        string.Concat(Enumerable.Repeat("fe80:", 200_000)),
        new string(':', 500_000),

        // One long line full of candidates: the context helpers read back to the line's start for each (quadratic before
        // session 11: 7.5 s for 600,000 characters of digits and spaces).
        string.Concat(Enumerable.Repeat("1 ", 500_000)),
        string.Concat(Enumerable.Repeat("4111 1111 1111 1111 ", 50_000)),
        string.Concat(Enumerable.Repeat("1.2.3.4 ", 100_000)),
    };

    [Theory]
    [MemberData(nameof(Adversarial))]
    public void Redact_AdversarialInput_Returns(string text)
    {
        var result = Redactor.CreateDefault().Redact(text);
        Assert.NotNull(result.Text);
    }
}
