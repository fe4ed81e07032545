using System.Globalization;
using System.Text.Json.Nodes;
using Workbench.Core.Validation;

namespace Workbench.Core.Tests.Validation;

/// <summary>Runs every case of shared/corpora/outputs: expected extraction (and value) and expected validity.</summary>
public sealed class OutputCorpusTests
{
    [Fact]
    public void OutputCorpus_EveryCase_MatchesExpectedExtractionAndValidity()
    {
        var folder = Path.Combine(SharedFolder.Path, "corpora", "outputs");
        var schemas = new Dictionary<string, string>(StringComparer.Ordinal);
        var failures = new List<string>();
        int total = 0, extractionOk = 0, validityOk = 0;
        foreach (var line in File.ReadLines(Path.Combine(folder, "cases.jsonl")))
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var c = JsonNode.Parse(line, documentOptions: new System.Text.Json.JsonDocumentOptions { MaxDepth = 256 })!.AsObject();
            var id = c["id"]!.GetValue<string>();
            var schemaName = c["schema"]!.GetValue<string>();
            if (!schemas.TryGetValue(schemaName, out var schema))
            {
                schemas[schemaName] = schema = File.ReadAllText(Path.Combine(folder, "schemas", schemaName));
            }

            var expectExtracted = c["extracted"]!.GetValue<bool>();
            var expectValid = c["valid"]!.GetValue<bool>();
            var result = OutputValidator.Validate(schema, c["output"]!.GetValue<string>());
            total++;

            var extractedRight = (result.Json is not null) == expectExtracted
                && (!expectExtracted || JsonNode.DeepEquals(JsonNode.Parse(result.Json!, documentOptions: new System.Text.Json.JsonDocumentOptions { MaxDepth = 256 }), c["json"]));
            if (extractedRight)
            {
                extractionOk++;
            }
            else
            {
                failures.Add($"{id} ({c["note"]}): extraction expected {(expectExtracted ? c["json"]?.ToJsonString() ?? "null" : "nothing")}, got {result.Json ?? "nothing"}; {string.Join(" | ", result.Issues)}");
            }

            if (result.IsValid == expectValid)
            {
                validityOk++;
            }
            else
            {
                failures.Add($"{id} ({c["note"]}): valid expected {expectValid}, got {result.IsValid}: {string.Join(" | ", result.Issues)}");
            }

            if (!result.IsValid && result.Json is not null)
            {
                var parsed = JsonNode.Parse(result.Json, documentOptions: new System.Text.Json.JsonDocumentOptions { MaxDepth = 256 });
                if (!result.Issues.Any(i => PointerExists(parsed, i.Path)))
                {
                    failures.Add($"{id}: no issue path exists in the extracted JSON: {string.Join(" | ", result.Issues)}");
                }
            }
        }

        var output = TestContext.Current.TestOutputHelper;
        output?.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"outputs corpus: extraction {extractionOk}/{total} ({100.0 * extractionOk / total:0.00} %), validity {validityOk}/{total} ({100.0 * validityOk / total:0.00} %)"));
        foreach (var f in failures)
        {
            output?.WriteLine(f);
        }

        Assert.True(total > 0);
        Assert.Empty(failures);
    }

    private static bool PointerExists(JsonNode? root, string pointer)
    {
        var node = root;
        if (pointer.Length == 0)
        {
            return true;
        }

        foreach (var raw in pointer.Split('/').Skip(1))
        {
            var segment = raw.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            if (node is JsonObject o && o.TryGetPropertyValue(segment, out var child))
            {
                node = child;
            }
            else if (node is JsonArray a && int.TryParse(segment, CultureInfo.InvariantCulture, out var i) && i < a.Count)
            {
                node = a[i];
            }
            else
            {
                return false;
            }
        }

        return true;
    }
}
