using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Workbench.Core.Validation;

namespace Workbench.Core.Tests.Validation;

/// <summary>Loads the official JSON-Schema-Test-Suite (required tests only) and runs one case through the compiler.</summary>
internal static class ConformanceSuite
{
    public static readonly string[] Drafts = ["draft7", "draft2020-12"];

    /// <summary>
    /// Known failures, by "draft/file/group/test", with the reason; skipped with that reason. Empty: the one case JsonSchema.Net
    /// 7.4.0 fails on its own ("multipleOf.json/float division = inf", an overflow of its decimal arithmetic) passes here because
    /// CompiledSchema re-evaluates with numbers outside the decimal range clamped to it (see ADR-003).
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> KnownFailures = new Dictionary<string, string>(StringComparer.Ordinal);

    private static readonly ConcurrentDictionary<string, JsonArray> Files = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<(string, string, int), SchemaCompileResult> Compiled = new();
    private static readonly Lazy<Dictionary<Uri, string>> Remotes = new(LoadRemotes);

    public static string TestsFolder => Path.Combine(SharedFolder.Path, "conformance", "json-schema-test-suite", "tests");

    public static IEnumerable<(string Draft, string File, int Group, int Test, string Name)> Cases(string draft)
    {
        foreach (var path in Directory.GetFiles(Path.Combine(TestsFolder, draft), "*.json").Order(StringComparer.Ordinal))
        {
            var file = Path.GetFileName(path);
            var groups = Load(draft, file);
            for (var g = 0; g < groups.Count; g++)
            {
                var tests = groups[g]!["tests"]!.AsArray();
                for (var t = 0; t < tests.Count; t++)
                {
                    yield return (draft, file, g, t, $"{draft}/{file}/{groups[g]!["description"]}/{tests[t]!["description"]}");
                }
            }
        }
    }

    /// <summary>True when the validator agrees with the suite's expected validity.</summary>
    public static bool Run(string draft, string file, int group, int test, out string detail)
    {
        var g = Load(draft, file)[group]!;
        var t = g["tests"]![test]!;
        var expected = t["valid"]!.GetValue<bool>();
        var compiled = Compiled.GetOrAdd((draft, file, group), _ => SchemaCompiler.Compile(g["schema"]!.ToJsonString(), new SchemaCompileOptions
        {
            DefaultDialect = draft == "draft7" ? SchemaDialect.Draft7 : SchemaDialect.Draft202012,
            Documents = Remotes.Value,
        }));
        if (!compiled.Success)
        {
            detail = "schema rejected: " + string.Join(" | ", compiled.Errors);
            return false;
        }

        var issues = compiled.Schema!.Validate(t["data"]?.DeepClone());
        var valid = issues.Count == 0;
        detail = $"expected valid={expected}, got {valid}: {string.Join(" | ", issues)}";
        return valid == expected;
    }

    private static JsonArray Load(string draft, string file) =>
        Files.GetOrAdd(draft + "/" + file, _ => JsonNode.Parse(File.ReadAllText(Path.Combine(TestsFolder, draft, file)),
            documentOptions: new JsonDocumentOptions { MaxDepth = 512 })!.AsArray());

    private static Dictionary<Uri, string> LoadRemotes()
    {
        var root = Path.Combine(SharedFolder.Path, "conformance", "json-schema-test-suite", "remotes");
        var documents = new Dictionary<Uri, string>();
        foreach (var path in Directory.GetFiles(root, "*.json", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(root, path).Replace('\\', '/');
            documents[new Uri("http://localhost:1234/" + relative)] = File.ReadAllText(path);
        }

        return documents;
    }
}
