using System.Globalization;
using System.Text;
using System.Text.Json;
using Workbench.Core.Redaction;

namespace Workbench.Core.Tests.Redaction;

public sealed class RedactionCorpusTests
{
    [Fact]
    public void Redactor_SharedCorpus_MeetsRecallKeepAndJsonTargets()
    {
        var directory = RedactionCorpus.FindDirectory();
        Assert.SkipWhen(directory is null, "shared/corpora/redaction not found beside the repository");
        var samples = RedactionCorpus.Load(directory!);
        var redactor = Redactor.CreateDefault();

        var goldByLabel = new Dictionary<string, (int Total, int Hit)>(StringComparer.Ordinal);
        var spansByKind = new Dictionary<string, (int Total, int True)>(StringComparer.Ordinal);
        int keepTotal = 0, keepIntact = 0, jsonDocs = 0, jsonBroken = 0;
        long chars = 0;
        var elapsed = TimeSpan.Zero;
        var misses = new StringBuilder();

        foreach (var sample in samples)
        {
            redactor.Redact(sample.Text); // warm-up: timing below is for a warm redactor
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            var result = redactor.Redact(sample.Text);
            elapsed += System.Diagnostics.Stopwatch.GetElapsedTime(started);
            chars += sample.Text.Length;

            foreach (var gold in sample.Spans)
            {
                var value = sample.Text[gold.Start..gold.End];
                var hit = !result.Text.Contains(value, StringComparison.Ordinal);
                Count(goldByLabel, gold.Label, hit);
                if (gold.Detail is not null)
                {
                    Count(goldByLabel, gold.Kind, hit);
                }
                Count(goldByLabel, "overall", hit);
                if (!hit)
                {
                    misses.AppendLine(CultureInfo.InvariantCulture, $"  miss {sample.Id} {gold.Label}: {Context(sample.Text, gold.Start, gold.End)}");
                }
            }

            foreach (var span in result.Spans)
            {
                var isTrue = sample.Spans.Any(g => span.Start < g.End && g.Start < span.Start + span.Length);
                Count(spansByKind, span.Kind, isTrue);
                Count(spansByKind, "overall", isTrue);
                if (!isTrue)
                {
                    misses.AppendLine(CultureInfo.InvariantCulture, $"  false {sample.Id} {span.Kind}: {Context(sample.Text, span.Start, span.Start + span.Length)}");
                }
            }

            foreach (var keep in sample.Keep)
            {
                keepTotal++;
                if (result.Text.Contains(keep, StringComparison.Ordinal))
                {
                    keepIntact++;
                }
                else
                {
                    misses.AppendLine(CultureInfo.InvariantCulture, $"  lost {sample.Id} keep: {keep}");
                }
            }

            if (sample.Text.TrimStart().StartsWith('{') && IsJson(sample.Text))
            {
                jsonDocs++;
                if (!IsJson(result.Text))
                {
                    jsonBroken++;
                    misses.AppendLine(CultureInfo.InvariantCulture, $"  json-broken {sample.Id}");
                }
            }
        }

        // One call on everything joined must not crash either.
        var all = redactor.Redact(string.Join("\n\n", samples.Select(s => s.Text)));
        Assert.NotEmpty(all.Spans);

        var output = TestContext.Current.TestOutputHelper!;
        output.WriteLine($"Redaction corpus: {samples.Count} samples, {chars / 1024.0:F0} KB, {chars / 1_000_000.0 / elapsed.TotalSeconds:F1} M chars/s");
        output.WriteLine("Recall (gold value no longer present):");
        foreach (var (label, (total, hit)) in goldByLabel.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            output.WriteLine($"  {label.Trim(),-28} {Ratio(hit, total):F3}  ({hit}/{total})");
        }

        output.WriteLine("Precision (returned spans overlapping a gold span):");
        foreach (var (kind, (total, ok)) in spansByKind.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            output.WriteLine($"  {kind,-28} {Ratio(ok, total):F3}  ({ok}/{total})");
        }

        output.WriteLine($"Look-alikes intact: {Ratio(keepIntact, keepTotal):F3} ({keepIntact}/{keepTotal}); JSON documents broken: {jsonBroken}/{jsonDocs}");
        output.WriteLine(misses.ToString());

        Assert.True(Ratio(goldByLabel["overall"].Hit, goldByLabel["overall"].Total) >= 0.97, "overall recall < 0.97");
        Assert.Equal(goldByLabel["secret"].Total, goldByLabel["secret"].Hit);
        Assert.True(Ratio(keepIntact, keepTotal) >= 0.95, "look-alikes intact < 0.95");
        Assert.Equal(0, jsonBroken);
    }

    private static void Count(Dictionary<string, (int Total, int Hit)> map, string key, bool hit)
    {
        map.TryGetValue(key, out var v);
        map[key] = (v.Total + 1, v.Hit + (hit ? 1 : 0));
    }

    private static double Ratio(int part, int total) => total == 0 ? 1 : (double)part / total;

    private static string Context(string text, int start, int end)
    {
        var from = Math.Max(0, start - 30);
        var to = Math.Min(text.Length, end + 15);
        return (text[from..start] + "<<" + text[start..end] + ">>" + text[end..to]).Replace("\n", "\\n", StringComparison.Ordinal);
    }

    private static bool IsJson(string text)
    {
        try
        {
            using var _ = JsonDocument.Parse(text);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
