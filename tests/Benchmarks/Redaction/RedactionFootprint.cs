using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Workbench.Core.Redaction;

namespace Workbench.Benchmarks.Redaction;

/// <summary>
/// <c>redaction-footprint</c>: what the default redactor keeps on the heap after it has scanned every text of the
/// redaction corpus (ADR-004: the NonBacktracking automata used to keep 13.9 MB), the corpus's time cold and warm, and
/// the time for hostile inputs at two sizes (linear time shows as at most about twice the time for twice the input).
/// </summary>
internal static class RedactionFootprint
{
    public static int Run()
    {
        var corpus = FindCorpus();
        if (corpus is null)
        {
            Console.Error.WriteLine("redaction corpus not found: ../shared/corpora/redaction/corpus.jsonl beside the repository");
            return 1;
        }

        var texts = File.ReadLines(corpus).Select(line => JsonDocument.Parse(line).RootElement.GetProperty("text").GetString()!).ToList();
        var before = LiveHeap();
        var redactor = Redactor.CreateDefault();
        var stopwatch = Stopwatch.StartNew();
        texts.ForEach(text => redactor.Redact(text));
        var cold = stopwatch.Elapsed.TotalMilliseconds;
        stopwatch.Restart();
        for (var pass = 0; pass < 5; pass++)
        {
            texts.ForEach(text => redactor.Redact(text));
        }

        var warm = stopwatch.Elapsed.TotalMilliseconds / 5;
        var kept = LiveHeap() - before;
        GC.KeepAlive(redactor);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{texts.Count} corpus texts: heap kept {kept / 1048576.0:0.0} MB; {cold:0} ms cold, {warm:0.0} ms per warm pass"));

        (string Name, Func<int, string> Make)[] hostile =
        [
            ("eyJ repeated", n => Repeat("eyJ", n / 3)),
            ("sk-ant- repeated", n => Repeat("sk-ant-", n / 7)),
            ("token + space repeated", n => Repeat("token ", n / 6)),
            ("password is repeated", n => Repeat("password is ", n / 12)),
            ("Password: repeated", n => Repeat("Password: ", n / 10)),
            ("[SECRET: repeated", n => Repeat("[SECRET:", n / 8)),
            ("fe80: repeated", n => Repeat("fe80:", n / 5)),
            ("AKIA repeated", n => Repeat("AKIA", n / 4)),
            ("digits and spaces", n => Repeat("1 ", n / 2)),
        ];
        foreach (var (name, make) in hostile)
        {
            var timings = new List<string>();
            foreach (var length in new[] { 300_000, 600_000 })
            {
                var text = make(length);
                stopwatch.Restart();
                redactor.Redact(text);
                timings.Add(string.Create(CultureInfo.InvariantCulture, $"{text.Length / 1000}k chars {stopwatch.Elapsed.TotalMilliseconds:0} ms"));
            }

            Console.WriteLine($"{name,-24} {string.Join("; ", timings)}");
        }

        return 0;
    }

    private static long LiveHeap()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    private static string Repeat(string piece, int count) => string.Concat(Enumerable.Repeat(piece, count));

    private static string? FindCorpus()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "shared", "corpora", "redaction", "corpus.jsonl");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
