using System.Globalization;
using System.Text;
using Workbench.Core.Redaction;

namespace Workbench.Core.Tests.Redaction;

/// <summary>
/// A held-out style set written apart from the shared corpus and from <see cref="RedactorDetectorTests"/>: other countries,
/// separators and contexts (JSON, YAML, env files, log lines, prose), plus harmless look-alikes. In a document
/// <c>⟦kind|value⟧</c> marks a value that must disappear and <c>⟪value⟫</c> one that must survive verbatim. Keys are fake:
/// built from parts at run time, they only have the shape of real ones.
/// </summary>
public sealed class HeldOutRedactionTests
{
    private static string Fake(string head, int length, string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", int seed = 11)
    {
        var rng = new Random(seed * 31 + length + head.Length);
        return head + new string([.. Enumerable.Range(0, length).Select(_ => alphabet[rng.Next(alphabet.Length)])]);
    }

    private const string Upper = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    private const string Base64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    private static readonly string AwsId = Fake("AK" + "IA", 16, Upper, 3);
    private static readonly string AwsTempId = Fake("AS" + "IA", 16, Upper, 4);
    private static readonly string AwsSecret = Fake("", 40, Base64, 5);
    private static readonly string GitHubPat = Fake("gh" + "p_", 36, seed: 6);
    private static readonly string GitHubFine = Fake("github" + "_pat_", 82, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_", 7);
    private static readonly string SlackBot = "xox" + "b-" + Fake("", 12, "0123456789", 8) + "-" + Fake("", 13, "0123456789", 9) + "-" + Fake("", 24, seed: 10);
    private static readonly string SlackHook = "https://hooks.slack.com/services/" + Fake("T", 8, Upper, 12) + "/" + Fake("B", 10, Upper, 13) + "/" + Fake("", 24, seed: 14);
    private static readonly string StripeLive = Fake("sk" + "_live_", 24, seed: 15);
    private static readonly string StripeRestricted = Fake("rk" + "_live_", 30, seed: 16);
    private static readonly string GoogleKey = Fake("AI" + "za", 35, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-", 17);
    private static readonly string OpenAiKey = Fake("sk-" + "proj-", 64, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-", 18);
    private static readonly string AnthropicKey = Fake("sk-" + "ant-api03-", 90, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-", 19);
    private static readonly string Jwt = "eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9." + "eyJzdWIiOiJ1c2VyLTQyIiwiZXhwIjoxNzY1MDAwMDAwfQ" + "." + Fake("", 43, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-", 20);
    private static readonly string Dashes = new('-', 5);
    private static readonly string Pem = Dashes + "BEGIN EC PRIV" + "ATE" + " KEY" + Dashes + "\n" + Fake("", 64, Base64, 21) + "\n" + Fake("", 56, Base64, 22) + "=\n" + Dashes + "END EC PRIV" + "ATE" + " KEY" + Dashes;
    private static readonly string OpaqueToken = Fake("", 40, "abcdef0123456789", 23);

    public static IEnumerable<string> Documents() =>
    [
        // Phones: other countries and separators, prose in several languages.
        "Liga pra mim no ⟦phone|+55 11 98765-4321⟧ depois das 18h, pedido ⟪#BR-558812⟫.",
        "Customer callback number: ⟦phone|+91 98765 43210⟧ (ticket ⟪TCK-20261207-0042⟫).",
        "Tokyo office ⟦phone|+81 3-1234-5678⟧, from inside Japan dial ⟦phone|03-1234-5678⟧.",
        "Ring ⟦phone|+61 2 9374 4000⟧ or the mobile ⟦phone|0412 345 678⟧ before ⟪12/07/2026⟫.",
        "Bel ons op ⟦phone|+31 20 794 0800⟧ of mail naar ⟦email|klantenservice@winkel-voorbeeld.nl⟧.",
        "Zentrale Zürich: ⟦phone|+41.44.668.18.00⟧ – Rechnung ⟪RE-2026-00871⟫ über ⟪CHF 1'250.00⟫.",
        "WhatsApp: ⟦phone|+52 55 1234 5678⟧",
        "Biuro: ⟦phone|+48 22 123 45 67⟧, NIP w stopce.",
        "Ring växeln på ⟦phone|08-123 456 78⟧ eller ⟦phone|+46 70 123 45 67⟧.",
        "Front desk ⟦phone|415.555.0142⟧ moved; use ⟦phone|(604) 555-0177⟧ or ⟦phone|+1-604-555-0178⟧.",
        "Dublin: ⟦phone|+353 1 234 5678⟧ · Cape Town: ⟦phone|+27 21 123 4567⟧ · Singapore: ⟦phone|+65 6123 4567⟧",
        "Ruf an: ⟦phone|089/12345678⟧ oder ⟦phone|0171 / 234 56 78⟧.",
        "Standard : ⟦phone|01.42.68.53.00⟧, poste ⟪12⟫.",
        "2026-12-07 04:12:00,117 INFO  sms.sent to=⟦phone|+447700900123⟧ status=DELIVERED id=⟪9fceb02⟫",
        "{\"customer\":{\"phone\":\"⟦phone|+39 06 6982 1234⟧\",\"orderId\":\"⟪100045521⟫\"}}",

        // E-mails: plus addressing, sub-domains, mixed case, punctuation around them.
        "Invoices go to ⟦email|ana.souza+invoices@mail.empresa.com.br⟧; questions (⟦email|ops@example.org⟧).",
        "From: \"Doe, J.\" <⟦email|J.Doe-Smith@Sub.Example.CO.UK⟧>",
        "<a href=\"mailto:⟦email|billing_team@eu-west.corp-example.io⟧\">billing</a>",
        "{\"contact\": \"⟦email|r.o.b.o.t.99@students.uni-example.ac.at⟧\", \"version\": \"⟪1.2.3-beta.4⟫\"}",
        "bounce reply-to=⟦email|no.reply+bounce-7731@notify.shop-example.net⟧ msgid=⟪550e8400-e29b-41d4-a716-446655440000⟫",
        "owner: ⟦email|devops@infra.example.dev⟧\nimage: registry.example.dev/app:⟪10.0.401⟫",

        // IBANs: several countries, grouped and compact.
        "Überweisung an ⟦iban|DE44 5001 0517 5407 3249 31⟧, Betrag ⟪€1,299.00⟫.",
        "RIB/IBAN : ⟦iban|FR76 3000 6000 0112 3456 7890 189⟧",
        "{\"iban\":\"⟦iban|GB29NWBK60161331926819⟧\",\"amount\":\"⟪$12.50⟫\"}",
        "IBAN ⟦iban|NL44RABO0123456789⟧ t.n.v. de stichting",
        "iban: ⟦iban|ES60 0049 1500 0512 3456 7892⟧",
        "Bonifico su ⟦iban|IT80X0306909606100000063219⟧ entro il ⟪07.12.2026⟫.",
        "PAYOUT_IBAN=⟦iban|CH5604835012345678009⟧",
        "Konto: ⟦iban|AT87 1200 0520 6654 3301⟧ / ⟦iban|PL34109010140000071219812875⟧ / ⟦iban|SE45 5000 0000 0583 9825 7466⟧",
        "refund to ⟦iban|IE29 AIBK 9311 5212 3456 78⟧ (ref ⟪RMA 2026/1207/0042⟫)",

        // Cards: spaces, dashes, compact, in JSON.
        "Card on file ⟦card|4539 8997 2074 3225⟧ exp ⟪09/28⟫",
        "mc=⟦card|5425-4994-5206-7838⟧",
        "{\"pan\": \"⟦card|2221976517135596⟧\", \"last4\": \"⟪5596⟫\"}",
        "Amex ⟦card|3714 825396 72858⟧ declined.",
        "Discover ⟦card|6011-4306-0830-3163⟧ approved, auth ⟪A1B2C3⟫.",

        // Secrets in JSON, YAML, env files, log lines and prose.
        $"{{\"aws_access_key_id\": \"⟦secret|{AwsId}⟧\", \"aws_secret_access_key\": \"⟦secret|{AwsSecret}⟧\", \"region\": \"eu-central-1\"}}",
        $"[default]\naws_access_key_id = ⟦secret|{AwsTempId}⟧\naws_secret_access_key = ⟦secret|{AwsSecret}⟧\n",
        $"env:\n  GITHUB_TOKEN: ⟦secret|{GitHubPat}⟧\n  RELEASE: ⟪v10.0.401⟫\n",
        $"I pasted my token by mistake: ⟦secret|{GitHubFine}⟧ please rotate it.",
        $"SLACK_BOT_TOKEN=⟦secret|{SlackBot}⟧\nSLACK_WEBHOOK=⟦secret|{SlackHook}⟧\n",
        $"2026-12-07T04:12:00Z ERROR payments: stripe rejected key ⟦secret|{StripeLive}⟧ (order ⟪ORD-7781-2290-1182⟫)",
        $"restricted: ⟦secret|{StripeRestricted}⟧",
        $"<script>const mapsKey = \"⟦secret|{GoogleKey}⟧\";</script>",
        $"OPENAI_API_KEY=⟦secret|{OpenAiKey}⟧",
        $"{{\"anthropic\": {{\"apiKey\": \"⟦secret|{AnthropicKey}⟧\"}}}}",
        $"Cookie: session=⟦secret|{Jwt}⟧; Path=/",
        $"key.pem:\n⟦secret|{Pem}⟧\n",
        $"curl -s -H \"Authorization: Bearer ⟦secret|{OpaqueToken}⟧\" https://api.example.test/v1/items",
        "DB_PASSWORD=\"⟦secret|Tr0ub4dor&3x!⟧\"\nDB_HOST=db.internal\n",
        "database:\n  user: app\n  password: ⟦secret|correct-horse-battery-9⟧\n  port: ⟪5432⟫\n",
        "{\"smtp\": {\"username\": \"mailer\", \"password\": \"⟦secret|Zx8!qLm#42vR⟧\"}}",
        "\"ConnectionStrings\": { \"Main\": \"Server=sql01;Database=shop;User Id=sa;Password=⟦secret|P@ssw0rd-2026!⟧;TrustServerCertificate=true\" }",
        "DATABASE_URL=postgres://app:⟦secret|s3cr3tPa55⟧@db.example.internal:5432/shop",
        "mongo uri mongodb+srv://reporting:⟦secret|Qw3rty-Uiop9⟧@cluster0.example.mongodb.net/?retryWrites=true",
        "redis: redis://:⟦secret|r3d1sPassw0rd⟧@cache:6379/0",
        "client_secret: \"⟦secret|9f8e7d6c5b4a3f2e1d0c9b8a7f6e5d4c⟧\"",
        "export API_KEY='⟦secret|live_8fK2mQ9xT4vB7nL1pR6sW3yZ⟧'",

        // IPs in a log line.
        "2026-12-07 04:12:00 WARN login failed from ⟦ip|203.0.113.77⟧ and ⟦ip|2001:db8:85a3::8a2e:370:7334⟧ build ⟪20261207.3⟫",

        // Look-alikes only.
        "Order ⟪ORD-2026-118273⟫ shipped with UPS ⟪1Z999AA10123456784⟫ on ⟪2026-12-07⟫, total ⟪USD 1,499.00⟫.",
        "Tracking ⟪9400 1000 0000 0000 0000 00⟫ · SSCC ⟪00340434161094042557⟫",
        "ISBN ⟪978-3-16-148410-0⟫ and ⟪0-306-40615-2⟫ (compact ⟪9780306406157⟫).",
        "commit ⟪9fceb02d0ae598e95dc970b74767f19372d61af8⟫ tagged ⟪v2.14.0⟫, runtime ⟪4.0.30319.42000⟫",
        "PO ⟪4500012345⟫ created at ⟪1733544720000⟫ ms; invoice ⟪INV-2026-000123⟫.",
        "Coordinates ⟪48.8566, 2.3522⟫ · connect to ⟪localhost:5432⟫ with Npgsql ⟪8.0.3⟫",
        "{\"id\":\"⟪3f2504e0-4f89-11d3-9a0c-0305e82c3301⟫\",\"price\":⟪19.99⟫,\"qty\":⟪3⟫,\"sku\":\"⟪SKU-000184467⟫\"}",
        "digest ⟪sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855⟫",
        "Meeting ⟪2026-12-08 14:30⟫ (CET), room ⟪4.012⟫, ext. ⟪4711⟫",
        "The password policy requires ⟪12⟫ characters; see ⟪RFC 9110⟫ section ⟪11.6.2⟫.",
    ];

    [Fact]
    public void Redactor_HeldOutStyleSet_MeetsRecallAndKeepTargets()
    {
        var redactor = Redactor.CreateDefault();
        var recall = new SortedDictionary<string, (int Total, int Hit)>(StringComparer.Ordinal);
        int keepTotal = 0, keepIntact = 0;
        var misses = new StringBuilder();

        foreach (var document in Documents())
        {
            var (text, gold, keep) = Parse(document);
            var result = redactor.Redact(text);
            foreach (var (kind, value) in gold)
            {
                var hit = !result.Text.Contains(value, StringComparison.Ordinal);
                Count(recall, kind, hit);
                Count(recall, "overall", hit);
                if (!hit)
                {
                    misses.AppendLine(CultureInfo.InvariantCulture, $"  miss {kind}: {value}  in: {Shorten(result.Text)}");
                }
            }

            foreach (var value in keep)
            {
                keepTotal++;
                if (result.Text.Contains(value, StringComparison.Ordinal))
                {
                    keepIntact++;
                }
                else
                {
                    misses.AppendLine(CultureInfo.InvariantCulture, $"  lost keep: {value}  in: {Shorten(result.Text)}");
                }
            }
        }

        var output = TestContext.Current.TestOutputHelper!;
        output.WriteLine("Held-out style set, recall (value no longer present):");
        foreach (var (kind, (total, hit)) in recall)
        {
            output.WriteLine($"  {kind,-10} {Ratio(hit, total):F3}  ({hit}/{total})");
        }

        output.WriteLine($"Look-alikes intact: {Ratio(keepIntact, keepTotal):F3} ({keepIntact}/{keepTotal})");
        output.WriteLine(misses.ToString());

        Assert.True(Ratio(recall["overall"].Hit, recall["overall"].Total) >= 0.97, "overall recall < 0.97\n" + misses);
        Assert.Equal(recall["secret"].Total, recall["secret"].Hit);
        Assert.True(Ratio(keepIntact, keepTotal) >= 0.95, "look-alikes intact < 0.95\n" + misses);
    }

    /// <summary>Strips the markers: the plain text, the gold values with their kind, and the values to keep.</summary>
    internal static (string Text, List<(string Kind, string Value)> Gold, List<string> Keep) Parse(string document)
    {
        var text = new StringBuilder();
        var gold = new List<(string, string)>();
        var keep = new List<string>();
        var i = 0;
        while (i < document.Length)
        {
            var open = document.IndexOfAny(['⟦', '⟪'], i);
            if (open < 0)
            {
                text.Append(document, i, document.Length - i);
                break;
            }

            text.Append(document, i, open - i);
            var sensitive = document[open] == '⟦';
            var close = document.IndexOf(sensitive ? '⟧' : '⟫', open);
            var inner = document[(open + 1)..close];
            if (sensitive)
            {
                var bar = inner.IndexOf('|', StringComparison.Ordinal);
                gold.Add((inner[..bar], inner[(bar + 1)..]));
                inner = inner[(bar + 1)..];
            }
            else
            {
                keep.Add(inner);
            }

            text.Append(inner);
            i = close + 1;
        }

        return (text.ToString(), gold, keep);
    }

    private static void Count(SortedDictionary<string, (int Total, int Hit)> map, string key, bool hit)
    {
        map.TryGetValue(key, out var v);
        map[key] = (v.Total + 1, v.Hit + (hit ? 1 : 0));
    }

    private static double Ratio(int part, int total) => total == 0 ? 1 : (double)part / total;

    private static string Shorten(string text) => (text.Length > 160 ? text[..160] + "…" : text).Replace("\n", "\\n", StringComparison.Ordinal);
}
