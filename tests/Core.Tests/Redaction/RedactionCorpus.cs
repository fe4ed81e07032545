using System.Text.Json;

namespace Workbench.Core.Tests.Redaction;

/// <summary>Loads ../shared/corpora/redaction/corpus.jsonl, found by walking up from the test binaries
/// (in CI shared/ sits beside the repository clone; locally it is /work/shared).</summary>
internal static class RedactionCorpus
{
    public sealed record GoldSpan(int Start, int End, string Kind, string? Detail)
    {
        public string Label => Detail is null ? Kind : $"{Kind}:{Detail}";
    }

    public sealed record Sample(string Id, string Text, IReadOnlyList<GoldSpan> Spans, IReadOnlyList<string> Keep);

    public static string? FindDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            foreach (var candidate in new[] { Path.Combine(dir.FullName, "shared", "corpora", "redaction"), Path.Combine(dir.FullName, "corpora", "redaction") })
            {
                if (File.Exists(Path.Combine(candidate, "corpus.jsonl")))
                {
                    return candidate;
                }
            }
        }

        return null;
    }

    public static IReadOnlyList<Sample> Load(string directory)
    {
        var samples = new List<Sample>();
        foreach (var line in File.ReadLines(Path.Combine(directory, "corpus.jsonl")))
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            using var doc = JsonDocument.Parse(line);
            var root = doc.RootElement;
            var spans = root.GetProperty("spans").EnumerateArray()
                .Select(s => new GoldSpan(
                    s.GetProperty("start").GetInt32(),
                    s.GetProperty("end").GetInt32(),
                    s.GetProperty("kind").GetString()!,
                    s.TryGetProperty("detail", out var d) ? d.GetString() : null))
                .ToList();
            var keep = root.TryGetProperty("keep", out var k) ? k.EnumerateArray().Select(e => e.GetString()!).ToList() : [];
            samples.Add(new Sample(root.GetProperty("id").GetString()!, root.GetProperty("text").GetString()!, spans, keep));
        }

        return samples;
    }
}
