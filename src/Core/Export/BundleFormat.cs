using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Workbench.Core.Templates;
using Workbench.Core.Validation;

namespace Workbench.Core.Export;

/// <summary>
/// The workbench bundle (<c>"format": "prompt-workbench-bundle"</c>, <c>"formatVersion": 1</c>), described by
/// <c>docs/formats/bundle.schema.json</c>. Writing is plain; reading treats the file as hostile: size, depth, node and
/// string limits first, then the format version, then the published schema, and only then the mapping.
/// </summary>
public static class BundleFormat
{
    public const string FormatName = "prompt-workbench-bundle";
    public const int FormatVersion = 1;

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static readonly Lazy<string> SchemaText = new(() =>
    {
        using var stream = typeof(BundleFormat).Assembly.GetManifestResourceStream("Workbench.Core.Export.bundle.schema.json")
            ?? throw new InvalidOperationException("The bundle schema resource is missing from the build.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });

    private static readonly Lazy<SchemaCompileResult> Compiled = new(() => SchemaCompiler.Compile(SchemaText.Value));

    /// <summary>The published JSON Schema of the bundle (the same text as <c>docs/formats/bundle.schema.json</c>).</summary>
    public static string JsonSchema => SchemaText.Value;

    public static string Write(TemplatePackage package, DateTime exportedAtUtc)
    {
        ArgumentNullException.ThrowIfNull(package);
        var content = package.Content;
        var root = new JsonObject
        {
            ["format"] = FormatName,
            ["formatVersion"] = FormatVersion,
            ["exportedAt"] = Utc(exportedAtUtc),
            ["template"] = new JsonObject
            {
                ["name"] = package.Name,
                ["description"] = package.Description,
                ["tags"] = new JsonArray([.. package.Tags.Select(t => (JsonNode?)t)]),
            },
            ["version"] = new JsonObject
            {
                ["number"] = package.VersionNumber,
                ["author"] = package.Author,
                ["createdAt"] = Utc(package.CreatedAtUtc),
                ["commitMessage"] = package.CommitMessage,
            },
            ["messages"] = new JsonArray([.. content.Messages.Select(m => (JsonNode?)new JsonObject
            {
                ["role"] = RoleName(m.Role),
                ["text"] = m.Text,
            })]),
            ["variables"] = new JsonArray([.. content.Variables.Select(v => (JsonNode?)new JsonObject
            {
                ["name"] = v.Name,
                ["description"] = v.Description,
                ["required"] = v.Required,
                ["default"] = v.DefaultValue,
                ["example"] = v.ExampleValue,
                ["kind"] = v.Kind == VariableKind.Json ? "json" : "text",
            })]),
            ["settings"] = new JsonObject
            {
                ["provider"] = content.Settings.Provider,
                ["model"] = content.Settings.Model,
                ["temperature"] = content.Settings.Temperature,
                ["maxOutputTokens"] = content.Settings.MaxOutputTokens,
                ["topP"] = content.Settings.TopP,
                ["stopSequences"] = new JsonArray([.. content.Settings.StopSequences.Select(s => (JsonNode?)s)]),
            },
            ["schema"] = package.Schema is { } schema
                ? new JsonObject { ["name"] = schema.Name, ["version"] = schema.VersionNumber, ["json"] = JsonNode.Parse(schema.Json) }
                : null,
            ["testCases"] = new JsonArray([.. package.TestCases.Select(c => (JsonNode?)new JsonObject
            {
                ["set"] = c.Set,
                ["variables"] = new JsonObject(c.Variables.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)kv.Value))),
                ["expect"] = new JsonObject { ["kind"] = c.Expect, ["value"] = c.ExpectValue },
            })]),
            ["labels"] = new JsonArray([.. package.Labels.Select(l => (JsonNode?)l)]),
            ["validation"] = package.Validation is { } v
                ? new JsonObject
                {
                    ["batchId"] = v.BatchId.ToString(),
                    ["passRate"] = v.PassRate,
                    ["passed"] = v.Passed,
                    ["evaluated"] = v.Evaluated,
                    ["models"] = new JsonArray([.. v.Models.Select(m => (JsonNode?)m)]),
                    ["finishedAt"] = v.FinishedAtUtc is { } at ? Utc(at) : null,
                }
                : null,
        };
        return root.ToJsonString(Indented) + "\n";
    }

    /// <summary>Reads a bundle. Never throws on user input: problems say what is wrong and where (JSON path, or line and column).</summary>
    public static PackageReadResult Read(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        const string format = "bundle";
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = ImportLimits.MaxJsonDepth, AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Disallow });
        }
        catch (JsonException ex)
        {
            var message = ex.Message.Contains("maximum configured depth", StringComparison.OrdinalIgnoreCase)
                ? $"The JSON is nested more than {ImportLimits.MaxJsonDepth} levels deep."
                : "The JSON is malformed: " + FirstSentence(ex.Message);
            return PackageReadResult.Fail(format, new TemplateProblem("file", message, (int)(ex.LineNumber ?? 0) + 1, (int)(ex.BytePositionInLine ?? 0) + 1));
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return PackageReadResult.Fail(format, new TemplateProblem("file", "A bundle is a JSON object; this file holds a " + root.ValueKind.ToString().ToLowerInvariant() + "."));
            }

            if (!root.TryGetProperty("format", out var formatName) || formatName.ValueKind != JsonValueKind.String || formatName.GetString() != FormatName)
            {
                return PackageReadResult.Fail(format, new TemplateProblem("/format", $"This is not a workbench bundle: \"format\" must be \"{FormatName}\"."));
            }

            if (!root.TryGetProperty("formatVersion", out var versionElement) || !versionElement.TryGetInt32(out var version))
            {
                return PackageReadResult.Fail(format, new TemplateProblem("/formatVersion", "The bundle has no \"formatVersion\" number."));
            }

            if (version != FormatVersion)
            {
                return PackageReadResult.Fail(format, new TemplateProblem("/formatVersion",
                    version > FormatVersion
                        ? $"This bundle uses format version {version}; this workbench reads version {FormatVersion}. Update the workbench or export the bundle again from a matching one."
                        : $"Format version {version} does not exist; this workbench reads version {FormatVersion}."));
            }

            var limits = new List<TemplateProblem>();
            var nodes = 0;
            CheckLimits(root, "", ref nodes, limits);
            if (limits.Count > 0)
            {
                return PackageReadResult.Fail(format, limits);
            }

            var validation = OutputValidator.Validate(Compiled.Value, text);
            if (!validation.IsValid)
            {
                return PackageReadResult.Fail(format, [.. validation.Issues.Take(20).Select(i => new TemplateProblem(i.Path.Length == 0 ? "/" : i.Path, i.Message))]);
            }

            return new PackageReadResult(format, Map(root), [], []);
        }
    }

    private static void CheckLimits(JsonElement element, string path, ref int nodes, List<TemplateProblem> problems)
    {
        if (problems.Count >= 10)
        {
            return;
        }

        if (++nodes > ImportLimits.MaxNodes)
        {
            problems.Add(new TemplateProblem(path.Length == 0 ? "/" : path, $"The bundle has more than {ImportLimits.MaxNodes:N0} values."));
            return;
        }

        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    if (property.Name.Length > 1000)
                    {
                        problems.Add(new TemplateProblem(path, $"A property name is {property.Name.Length:N0} characters long; the limit is 1,000."));
                        return;
                    }

                    CheckLimits(property.Value, path + "/" + JsonPointers.Escape(property.Name), ref nodes, problems);
                }

                break;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    CheckLimits(item, path + "/" + index.ToString(CultureInfo.InvariantCulture), ref nodes, problems);
                    index++;
                }

                break;
            case JsonValueKind.String:
                var length = element.GetString()!.Length;
                if (length > ImportLimits.MaxStringLength)
                {
                    problems.Add(new TemplateProblem(path, $"This text is {length:N0} characters long; the limit is {ImportLimits.MaxStringLength:N0}."));
                }

                break;
        }
    }

    private static TemplatePackage Map(JsonElement root)
    {
        var template = root.GetProperty("template");
        var version = root.GetProperty("version");
        var settings = root.GetProperty("settings");
        var messages = root.GetProperty("messages").EnumerateArray()
            .Select(m => new TemplateMessage(ParseRole(m.GetProperty("role").GetString()!), m.GetProperty("text").GetString()!))
            .ToList();
        var variables = root.GetProperty("variables").EnumerateArray()
            .Select(v => new VariableDeclaration(
                v.GetProperty("name").GetString()!,
                OptionalString(v, "description"),
                v.TryGetProperty("required", out var required) && required.GetBoolean(),
                OptionalString(v, "default"),
                OptionalString(v, "example"),
                OptionalString(v, "kind") == "json" ? VariableKind.Json : VariableKind.Text))
            .ToList();
        var modelSettings = new ModelSettings(
            settings.GetProperty("provider").GetString()!,
            settings.GetProperty("model").GetString()!,
            settings.TryGetProperty("temperature", out var t) && t.ValueKind == JsonValueKind.Number ? t.GetDouble() : null,
            settings.TryGetProperty("maxOutputTokens", out var m) && m.ValueKind == JsonValueKind.Number ? m.GetInt32() : null,
            settings.TryGetProperty("topP", out var p) && p.ValueKind == JsonValueKind.Number ? p.GetDouble() : null,
            settings.TryGetProperty("stopSequences", out var stops) ? [.. stops.EnumerateArray().Select(s => s.GetString()!)] : []);

        PackagedSchema? schema = null;
        if (root.TryGetProperty("schema", out var schemaElement) && schemaElement.ValueKind == JsonValueKind.Object)
        {
            var json = JsonNode.Parse(schemaElement.GetProperty("json").GetRawText())!.ToJsonString(Indented);
            schema = new PackagedSchema(schemaElement.GetProperty("name").GetString()!, schemaElement.GetProperty("version").GetInt32(), json);
        }

        var testCases = new List<PackagedTestCase>();
        if (root.TryGetProperty("testCases", out var cases))
        {
            foreach (var c in cases.EnumerateArray())
            {
                var values = c.GetProperty("variables").EnumerateObject().ToDictionary(v => v.Name, v => v.Value.ValueKind == JsonValueKind.String ? v.Value.GetString() : null, StringComparer.Ordinal);
                var expect = c.TryGetProperty("expect", out var e) ? e : default;
                testCases.Add(new PackagedTestCase(
                    OptionalString(c, "set") ?? "default",
                    values,
                    expect.ValueKind == JsonValueKind.Object ? expect.GetProperty("kind").GetString()! : PackagedTestCase.SchemaValid,
                    expect.ValueKind == JsonValueKind.Object ? OptionalString(expect, "value") : null));
            }
        }

        BatchEvidence? evidence = null;
        if (root.TryGetProperty("validation", out var v) && v.ValueKind == JsonValueKind.Object && Guid.TryParse(v.GetProperty("batchId").GetString(), out var batchId))
        {
            var evaluated = v.TryGetProperty("evaluated", out var ev) ? ev.GetInt32() : 0;
            var passed = v.TryGetProperty("passed", out var pv) ? pv.GetInt32() : 0;
            evidence = new BatchEvidence(batchId, true, evaluated, passed,
                v.TryGetProperty("models", out var models) ? [.. models.EnumerateArray().Select(x => x.GetString()!)] : [],
                v.TryGetProperty("finishedAt", out var fa) && fa.ValueKind == JsonValueKind.String && DateTime.TryParse(fa.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var finished) ? finished : null);
        }

        return new TemplatePackage(
            template.GetProperty("name").GetString()!,
            OptionalString(template, "description") ?? "",
            template.TryGetProperty("tags", out var tags) ? [.. tags.EnumerateArray().Select(x => x.GetString()!)] : [],
            version.GetProperty("number").GetInt32(),
            OptionalString(version, "author") ?? "",
            version.TryGetProperty("createdAt", out var created) && created.TryGetDateTime(out var createdAt) ? createdAt.ToUniversalTime() : default,
            OptionalString(version, "commitMessage") ?? "",
            new TemplateContent(messages, modelSettings, variables),
            schema,
            testCases,
            root.TryGetProperty("labels", out var labels) ? [.. labels.EnumerateArray().Select(x => x.GetString()!)] : [],
            evidence);
    }

    internal static string RoleName(MessageRole role) => role switch
    {
        MessageRole.System => "system",
        MessageRole.Assistant => "assistant",
        _ => "user",
    };

    private static MessageRole ParseRole(string role) => role switch
    {
        "system" => MessageRole.System,
        "assistant" => MessageRole.Assistant,
        _ => MessageRole.User,
    };

    private static string? OptionalString(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string Utc(DateTime value) => DateTime.SpecifyKind(value, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }
}
