using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Workbench.Core.Providers;

namespace Workbench.Core.Export;

/// <summary>
/// A single-file promptfoo configuration so CI can keep testing an exported version: the chat messages as an inline JSON
/// prompt (<c>prompts[].raw</c>; promptfoo renders variables inside JSON string values, escaping them), the provider mapped
/// from the version's settings (<c>openai:chat:&lt;model&gt;</c>, <c>anthropic:messages:&lt;model&gt;</c>, an OpenAI-compatible
/// endpoint as <c>openai:chat:&lt;model&gt;</c> with <c>apiBaseUrl</c>; the Simulated provider becomes <c>echo</c>), and one
/// test per test case with an <c>is-json</c> assertion carrying the linked schema (plus <c>equals</c> / <c>contains</c> for
/// cases that expect a value). Without test cases, one test uses the variables' examples or defaults.
/// </summary>
public static class PromptfooFormat
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Write(TemplatePackage package)
    {
        ArgumentNullException.ThrowIfNull(package);
        var settings = package.Content.Settings;
        var messages = new JsonArray([.. package.Content.Messages.Select(m => (JsonNode?)new JsonObject
        {
            ["role"] = BundleFormat.RoleName(m.Role),
            ["content"] = m.Text,
        })]);

        var label = $"{package.Name} v{package.VersionNumber.ToString(CultureInfo.InvariantCulture)}";
        var config = new OrderedDictionary<string, object?>();
        if (settings.Temperature is { } temperature)
        {
            config["temperature"] = temperature;
        }

        if (settings.MaxOutputTokens is { } maxTokens)
        {
            config["max_tokens"] = maxTokens;
        }

        if (settings.TopP is { } topP)
        {
            config["top_p"] = topP;
        }

        if (settings.StopSequences.Count > 0)
        {
            config["stop"] = settings.StopSequences.Cast<object?>().ToList();
        }

        if (package.ProviderKind == ProviderKind.OpenAICompatible && !string.IsNullOrWhiteSpace(package.ProviderBaseUrl))
        {
            config["apiBaseUrl"] = package.ProviderBaseUrl;
        }

        if (package.ApiKeyVariable is { Length: > 0 } keyVariable && package.ProviderKind is ProviderKind.OpenAI or ProviderKind.OpenAICompatible or ProviderKind.Anthropic)
        {
            config["apiKeyEnvar"] = keyVariable;
        }

        var provider = new OrderedDictionary<string, object?> { ["id"] = ProviderId(package.ProviderKind, settings.Model), ["label"] = $"{settings.Provider}/{settings.Model}" };
        if (config.Count > 0 && package.ProviderKind != ProviderKind.Simulated)
        {
            provider["config"] = config;
        }

        var root = new OrderedDictionary<string, object?>
        {
            ["description"] = $"{label} (exported from Prompt Workbench)",
            ["prompts"] = new List<object?>
            {
                new OrderedDictionary<string, object?> { ["label"] = label, ["raw"] = messages.ToJsonString(Indented) + "\n" },
            },
            ["providers"] = new List<object?> { provider },
            ["tests"] = Tests(package),
        };

        var header = "# promptfoo configuration exported from Prompt Workbench. Run: npx promptfoo@latest eval -c <this file>\n"
            + "# Provider keys come from environment variables (never from this file).\n";
        return header + YamlWriter.Write(root);
    }

    private static string ProviderId(ProviderKind? kind, string model) => kind switch
    {
        ProviderKind.Anthropic => "anthropic:messages:" + model,
        ProviderKind.Simulated => "echo",
        _ => "openai:chat:" + model,
    };

    private static List<object?> Tests(TemplatePackage package)
    {
        var schema = package.Schema is { } s ? JsonNode.Parse(s.Json) : null;
        var cases = package.TestCases.Count > 0
            ? package.TestCases
            : [new PackagedTestCase("example", package.Content.Variables.ToDictionary(v => v.Name, v => (string?)(v.ExampleValue ?? v.DefaultValue ?? ""), StringComparer.Ordinal))];
        var tests = new List<object?>();
        var index = 0;
        foreach (var testCase in cases)
        {
            index++;
            var asserts = new List<object?>();
            var isJson = new OrderedDictionary<string, object?> { ["type"] = "is-json" };
            if (schema is not null)
            {
                isJson["value"] = schema.DeepClone();
            }

            asserts.Add(isJson);
            switch (testCase.Expect)
            {
                case PackagedTestCase.EqualsJson when testCase.ExpectValue is { } expected:
                    asserts.Add(new OrderedDictionary<string, object?> { ["type"] = "equals", ["value"] = TryParse(expected) ?? (object)expected });
                    break;
                case PackagedTestCase.ContainsText when testCase.ExpectValue is { } text:
                    asserts.Add(new OrderedDictionary<string, object?> { ["type"] = "contains", ["value"] = text });
                    break;
            }

            var vars = new OrderedDictionary<string, object?>();
            foreach (var (name, value) in testCase.Variables)
            {
                vars[name] = value ?? "";
            }

            tests.Add(new OrderedDictionary<string, object?>
            {
                ["description"] = $"{testCase.Set} #{index.ToString(CultureInfo.InvariantCulture)}",
                ["vars"] = vars,
                ["assert"] = asserts,
            });
        }

        return tests;
    }

    private static JsonNode? TryParse(string json)
    {
        try
        {
            return JsonNode.Parse(json);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
