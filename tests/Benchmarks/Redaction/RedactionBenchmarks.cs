using BenchmarkDotNet.Attributes;
using Workbench.Core.Redaction;

namespace Workbench.Benchmarks.Redaction;

/// <summary>Redaction of a typical 4 KB prompt + output with all detectors on: clean text (no hits) and text dense with PII and
/// secrets. MB/s = 4096 chars / mean time (UTF-16 chars counted as 1 byte each, i.e. text length in millions).</summary>
[MemoryDiagnoser]
public class RedactionBenchmarks
{
    private const string Clean =
        "System: You are a support assistant for an online shop. Answer briefly and politely, in the customer's language.\n"
        + "User: Hello, I ordered the blue rain jacket (size M) on 2024-05-01 as order ORD-2024-118273 and it has not arrived yet. "
        + "The tracking page says version 2.4 of the parcel label was printed, and the total was $129.50 including 8.5% tax. "
        + "Could you check what happened? The last update was at 14:32 and it mentions depot 17 near the city centre.\n"
        + "Assistant: Thank you for reaching out. I checked the shipment: the label was created but the carrier has not scanned "
        + "the parcel yet. This usually means it is still waiting at the warehouse; most orders leave within 2 to 3 business days. "
        + "I have escalated the ticket (TCK-57117) so the warehouse team looks at it today, and you will get an update by tomorrow.\n";

    private const string Dense =
        "User: my email is jane.doe@example.com, phone +44 20 7946 0958 or (212) 736-5000, card 4111 1111 1111 1111, "
        + "IBAN DE89 3704 0044 0532 0130 00, SSN 123-45-6789, server 10.0.0.7 and 2001:db8::8a2e:370:7334.\n"
        + "Config: password=Tr0ub4dor&3; Server=db;User Id=sa;Password=P@ssw0rd!;Encrypt=true; postgres://app:S3cr3tPass@db/app\n"
        + "Authorization: Bearer abc123DEF456ghi789JKL0mno\n";

    private Redactor _redactor = null!;

    public string CleanText { get; private set; } = "";

    public string DenseText { get; private set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        _redactor = Redactor.CreateDefault();
        CleanText = Repeat(Clean, 4096);
        var keys = "key " + "sk-" + "proj-" + new string('Q', 20) + "9x" + new string('z', 30) + " and " + "gh" + "p_" + new string('a', 30) + "123456\n";
        DenseText = Repeat(Dense + keys, 4096);
        _redactor.Redact(CleanText);
        _redactor.Redact(DenseText);
    }

    [Benchmark(Baseline = true)]
    public RedactionResult NoHits4K() => _redactor.Redact(CleanText);

    [Benchmark]
    public RedactionResult DenseHits4K() => _redactor.Redact(DenseText);

    private static string Repeat(string s, int length)
    {
        var sb = new System.Text.StringBuilder(length + s.Length);
        while (sb.Length < length)
        {
            sb.Append(s);
        }

        return sb.ToString(0, length);
    }
}
