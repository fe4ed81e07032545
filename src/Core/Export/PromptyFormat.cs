using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Workbench.Core.Providers;
using Workbench.Core.Templates;

namespace Workbench.Core.Export;

/// <summary>
/// Microsoft Prompty (<c>.prompty</c>): YAML front matter (name, description, authors, tags, model with api, configuration and
/// parameters, inputs, sample) between <c>---</c> lines, then the body with <c>system:</c> / <c>user:</c> / <c>assistant:</c>
/// role markers. The linked schema travels as <c>model.parameters.response_format</c> (OpenAI's <c>json_schema</c> form, which
/// Prompty passes to the API); what only the workbench needs (its provider name, the schema's name and version) is under
/// <c>metadata.workbench</c>, never in <c>configuration</c> (Prompty hands that to the client constructor).
/// </summary>
public static partial class PromptyFormat
{
    [GeneratedRegex(@"^[ \t]*#?[ \t]*(?<role>system|user|assistant|developer|function|tool)[ \t]*(\[[^\]\n]*\])?[ \t]*:[ \t]*$", RegexOptions.Multiline | RegexOptions.IgnoreCase)]
    private static partial Regex RoleMarker();

    [GeneratedRegex(@"[^A-Za-z0-9_-]+")]
    private static partial Regex NotSchemaNameChar();

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>What stops <paramref name="content"/> being written as Prompty (Liquid beyond the shared subset, a line a reader would take for a role marker).</summary>
    public static IReadOnlyList<TemplateProblem> CheckCompatibility(TemplateContent content)
    {
        ArgumentNullException.ThrowIfNull(content);
        var problems = new List<TemplateProblem>(JinjaCompatibility.Check(content));
        for (var i = 0; i < content.Messages.Count; i++)
        {
            var text = content.Messages[i].Text ?? "";
            if (RoleMarker().Match(text) is { Success: true } marker)
            {
                var (line, column) = Validation.TextLimits.LineColumn(text, marker.Index);
                problems.Add(new TemplateProblem(TemplateContentValidator.MessageField(i),
                    $"The line '{marker.Value.Trim()}' would be read as a Prompty role marker; reword it (for example add text after the colon).", line, column));
            }
        }

        return problems;
    }

    public static string Write(TemplatePackage package)
    {
        ArgumentNullException.ThrowIfNull(package);
        var settings = package.Content.Settings;
        var configuration = new OrderedDictionary<string, object?>
        {
            ["type"] = package.ProviderKind switch
            {
                ProviderKind.Anthropic => "anthropic",
                ProviderKind.Simulated => "simulated",
                _ => "openai",
            },
            ["name"] = settings.Model,
        };
        if (package.ProviderKind == ProviderKind.OpenAICompatible && !string.IsNullOrWhiteSpace(package.ProviderBaseUrl))
        {
            configuration["base_url"] = package.ProviderBaseUrl;
        }

        if (package.ApiKeyVariable is { Length: > 0 } keyVariable)
        {
            // Prompty resolves ${env:NAME} when it loads the file: the key's variable name, never the key.
            configuration["api_key"] = "${env:" + keyVariable + "}";
        }

        var parameters = new OrderedDictionary<string, object?>();
        if (settings.Temperature is { } temperature)
        {
            parameters["temperature"] = temperature;
        }

        if (settings.MaxOutputTokens is { } maxTokens)
        {
            parameters["max_tokens"] = maxTokens;
        }

        if (settings.TopP is { } topP)
        {
            parameters["top_p"] = topP;
        }

        if (settings.StopSequences.Count > 0)
        {
            parameters["stop"] = settings.StopSequences.Cast<object?>().ToList();
        }

        var workbench = new OrderedDictionary<string, object?> { ["provider"] = settings.Provider, ["version"] = package.VersionNumber };
        if (package.Schema is { } schema)
        {
            parameters["response_format"] = new OrderedDictionary<string, object?>
            {
                ["type"] = "json_schema",
                ["json_schema"] = new OrderedDictionary<string, object?>
                {
                    ["name"] = SchemaName(schema.Name),
                    ["schema"] = JsonNode.Parse(schema.Json),
                },
            };
            workbench["schema"] = new OrderedDictionary<string, object?> { ["name"] = schema.Name, ["version"] = schema.VersionNumber };
        }

        var model = new OrderedDictionary<string, object?> { ["api"] = "chat", ["configuration"] = configuration };
        if (parameters.Count > 0)
        {
            model["parameters"] = parameters;
        }

        var inputs = new OrderedDictionary<string, object?>();
        var sample = new OrderedDictionary<string, object?>();
        foreach (var variable in package.Content.Variables)
        {
            var input = new OrderedDictionary<string, object?> { ["type"] = variable.Kind == VariableKind.Json ? "object" : "string" };
            if (!string.IsNullOrEmpty(variable.Description))
            {
                input["description"] = variable.Description;
            }

            input["required"] = variable.Required;
            if (variable.DefaultValue is not null)
            {
                input["default"] = variable.DefaultValue;
            }

            inputs[variable.Name] = input;
            if (variable.ExampleValue is not null)
            {
                sample[variable.Name] = variable.ExampleValue;
            }
        }

        var front = new OrderedDictionary<string, object?> { ["name"] = package.Name };
        if (package.Description.Length > 0)
        {
            front["description"] = package.Description;
        }

        front["version"] = package.VersionNumber.ToString(CultureInfo.InvariantCulture);
        if (package.Author.Length > 0)
        {
            front["authors"] = new List<object?> { package.Author };
        }

        if (package.Tags.Count > 0)
        {
            front["tags"] = package.Tags.Cast<object?>().ToList();
        }

        front["model"] = model;
        if (inputs.Count > 0)
        {
            front["inputs"] = inputs;
        }

        if (sample.Count > 0)
        {
            front["sample"] = sample;
        }

        front["metadata"] = new OrderedDictionary<string, object?> { ["workbench"] = workbench };

        var builder = new StringBuilder();
        builder.Append("---\n").Append(YamlWriter.Write(front)).Append("---\n");
        foreach (var message in package.Content.Messages)
        {
            builder.Append('\n').Append(BundleFormat.RoleName(message.Role)).Append(":\n").Append(message.Text.Replace("\r\n", "\n", StringComparison.Ordinal)).Append('\n');
        }

        return builder.ToString();
    }

    /// <summary>Reads a Prompty file. Never throws on user input. <paramref name="fallbackName"/> names the template when the front matter does not.</summary>
    public static PackageReadResult Read(string text, string? fallbackName = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        const string format = "prompty";
        var normalized = text.Replace("\r\n", "\n", StringComparison.Ordinal).TrimStart('\uFEFF');
        var lines = normalized.Split('\n');
        var first = Array.FindIndex(lines, l => l.Trim().Length > 0);
        if (first < 0 || lines[first].TrimEnd() != "---")
        {
            return PackageReadResult.Fail(format, new TemplateProblem("file", "A .prompty file starts with a '---' line, then the YAML front matter, then another '---' line.", first < 0 ? 1 : first + 1, 1));
        }

        var end = Array.FindIndex(lines, first + 1, l => l.TrimEnd() == "---");
        if (end < 0)
        {
            return PackageReadResult.Fail(format, new TemplateProblem("file", "The front matter is not closed: add a '---' line after it.", first + 1, 1));
        }

        var yaml = string.Join('\n', lines[(first + 1)..end]);
        var body = string.Join('\n', lines[(end + 1)..]);
        var tree = SafeYaml.Parse(yaml, first + 1, out var yamlProblem);
        if (yamlProblem is not null)
        {
            return PackageReadResult.Fail(format, yamlProblem);
        }

        var front = tree as Dictionary<string, object?> ?? [];
        if (tree is not null and not Dictionary<string, object?>)
        {
            return PackageReadResult.Fail(format, new TemplateProblem("front matter", "The front matter must be a YAML mapping (name: ..., model: ...).", first + 2, 1));
        }

        var problems = new List<TemplateProblem>();
        var warnings = new List<string>();
        var messages = ReadBody(body, end + 2, problems, warnings);

        var name = Str(front, "name") ?? fallbackName;
        if (string.IsNullOrWhiteSpace(name))
        {
            problems.Add(new TemplateProblem("name", "The front matter has no name."));
        }

        var model = Map(front, "model", problems);
        if (Str(model, "api") is { } api && !string.Equals(api, "chat", StringComparison.OrdinalIgnoreCase))
        {
            problems.Add(new TemplateProblem("model.api", $"Only chat prompts can be imported (model.api is '{api}')."));
        }

        var configuration = Map(model, "configuration", problems);
        var parameters = Map(model, "parameters", problems);
        var workbench = Map(Map(front, "metadata", problems), "workbench", problems);
        var type = Str(configuration, "type")?.ToLowerInvariant();
        var provider = Str(workbench, "provider") ?? type switch
        {
            "anthropic" => ProviderKinds.Anthropic,
            "openai" or "azure_openai" or "azure" => ProviderKinds.OpenAI,
            _ => ProviderKinds.Simulated,
        };
        if (Str(workbench, "provider") is null)
        {
            warnings.Add($"The provider was taken from model.configuration.type as '{provider}'; check it exists in this workbench's configuration.");
        }

        var modelName = Str(configuration, "name") ?? Str(configuration, "azure_deployment") ?? Str(configuration, "model");
        if (modelName is null)
        {
            modelName = ModelSettings.Default.Model;
            warnings.Add($"No model name in model.configuration; '{modelName}' is used.");
        }

        var stop = parameters.TryGetValue("stop", out var stopValue) ? stopValue switch
        {
            List<object?> list => list.Select(s => Convert.ToString(s, CultureInfo.InvariantCulture) ?? "").ToList(),
            string single => [single],
            _ => [],
        } : new List<string>();
        var settings = new ModelSettings(provider, modelName, Number(parameters, "temperature", problems), (int?)Number(parameters, "max_tokens", problems),
            Number(parameters, "top_p", problems), stop);

        PackagedSchema? schema = null;
        if (Map(Map(parameters, "response_format", problems), "json_schema", problems) is { Count: > 0 } jsonSchema && jsonSchema.TryGetValue("schema", out var schemaTree))
        {
            var schemaInfo = Map(workbench, "schema", problems);
            var schemaName = Str(schemaInfo, "name") ?? Str(jsonSchema, "name") ?? (name + " output");
            var schemaVersion = (int?)Number(schemaInfo, "version", problems) ?? 1;
            schema = new PackagedSchema(schemaName, schemaVersion, ToJson(schemaTree)?.ToJsonString(Indented) ?? "null");
        }

        var variables = ReadInputs(front, problems);
        if (Map(front, "sample", problems) is { } sample)
        {
            for (var i = 0; i < variables.Count; i++)
            {
                if (sample.TryGetValue(variables[i].Name, out var example) && example is not null)
                {
                    variables[i] = variables[i] with { ExampleValue = AsText(example) };
                }
            }

            foreach (var key in sample.Keys.Where(k => !variables.Exists(v => v.Name == k)))
            {
                variables.Add(new VariableDeclaration(key, null, true, null, AsText(sample[key]), sample[key] is Dictionary<string, object?> or List<object?> ? VariableKind.Json : VariableKind.Text));
            }
        }

        DeclareUsedVariables(messages, variables, warnings);

        if (problems.Count > 0)
        {
            return new PackageReadResult(format, null, problems, warnings);
        }

        var authors = front.TryGetValue("authors", out var a) && a is List<object?> authorList ? authorList.Select(x => AsText(x) ?? "").Where(x => x.Length > 0).ToList() : [];
        var tags = front.TryGetValue("tags", out var tg) && tg is List<object?> tagList ? tagList.Select(x => AsText(x) ?? "").Where(x => x.Length > 0).ToList() : [];
        var versionNumber = int.TryParse(Str(front, "version") ?? Str(workbench, "version"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : 1;
        var package = new TemplatePackage(name!.Trim(), Str(front, "description") ?? "", tags, versionNumber, authors.FirstOrDefault() ?? "", default,
            $"Imported from {name!.Trim()}.prompty", new TemplateContent(messages, settings, variables), schema, [], [], null);
        return new PackageReadResult(format, package, [], warnings);
    }

    private static List<TemplateMessage> ReadBody(string body, int firstLine, List<TemplateProblem> problems, List<string> warnings)
    {
        var messages = new List<TemplateMessage>();
        var markers = RoleMarker().Matches(body);
        if (markers.Count == 0)
        {
            if (body.Trim().Length > 0)
            {
                messages.Add(new TemplateMessage(MessageRole.System, Trim(body)));
                warnings.Add("The body has no role markers; it was read as one system message.");
            }
            else
            {
                problems.Add(new TemplateProblem("body", "The body is empty: write the prompt after the front matter, with system: / user: lines."));
            }

            return messages;
        }

        if (body[..markers[0].Index].Trim().Length > 0)
        {
            warnings.Add("Text before the first role marker was read as a system message.");
            messages.Add(new TemplateMessage(MessageRole.System, Trim(body[..markers[0].Index])));
        }

        for (var i = 0; i < markers.Count; i++)
        {
            var marker = markers[i];
            var start = marker.Index + marker.Length;
            var stop = i + 1 < markers.Count ? markers[i + 1].Index : body.Length;
            var role = marker.Groups["role"].Value.ToLowerInvariant();
            MessageRole? parsed = role switch
            {
                "system" or "developer" => MessageRole.System,
                "user" => MessageRole.User,
                "assistant" => MessageRole.Assistant,
                _ => null,
            };
            if (parsed is null)
            {
                var line = firstLine + body.AsSpan(0, marker.Index).Count('\n');
                problems.Add(new TemplateProblem("body", $"'{role}:' messages (tool calls) cannot be imported; only system, user and assistant.", line, 1));
                continue;
            }

            messages.Add(new TemplateMessage(parsed.Value, Trim(body[start..stop])));
        }

        return messages;
    }

    /// <summary>Removes the blank lines around a message, as Prompty does; spaces inside the text are kept.</summary>
    private static string Trim(string text)
    {
        var lines = text.Split('\n').ToList();
        while (lines.Count > 0 && lines[0].Trim().Length == 0)
        {
            lines.RemoveAt(0);
        }

        while (lines.Count > 0 && lines[^1].Trim().Length == 0)
        {
            lines.RemoveAt(lines.Count - 1);
        }

        return string.Join('\n', lines);
    }

    private static List<VariableDeclaration> ReadInputs(Dictionary<string, object?> front, List<TemplateProblem> problems)
    {
        var variables = new List<VariableDeclaration>();
        if (!front.TryGetValue("inputs", out var inputs) || inputs is null)
        {
            return variables;
        }

        IEnumerable<(string Name, Dictionary<string, object?> Spec)> entries = inputs switch
        {
            // Prompty 1: a mapping name -> spec (or name -> default value).
            Dictionary<string, object?> map => map.Select(kv => (kv.Key, kv.Value as Dictionary<string, object?> ?? new Dictionary<string, object?> { ["default"] = kv.Value })),
            // Prompty 2: a list of properties with a name.
            List<object?> list => list.OfType<Dictionary<string, object?>>().Select(spec => (Str(spec, "name") ?? "", spec)),
            _ => [],
        };
        if (inputs is not (Dictionary<string, object?> or List<object?>))
        {
            problems.Add(new TemplateProblem("inputs", "inputs must be a mapping of input names to their description."));
        }

        foreach (var (name, spec) in entries)
        {
            var type = (Str(spec, "type") ?? Str(spec, "kind") ?? "string").ToLowerInvariant();
            var required = spec.TryGetValue("required", out var r) ? r is true : !spec.ContainsKey("default");
            variables.Add(new VariableDeclaration(name, Str(spec, "description"), required,
                spec.TryGetValue("default", out var d) ? AsText(d) : null,
                spec.TryGetValue("sample", out var s) ? AsText(s) : spec.TryGetValue("example", out var e) ? AsText(e) : null,
                type is "object" or "array" or "list" or "json" ? VariableKind.Json : VariableKind.Text));
        }

        return variables;
    }

    private static void DeclareUsedVariables(List<TemplateMessage> messages, List<VariableDeclaration> variables, List<string> warnings)
    {
        var added = new List<string>();
        foreach (var message in messages)
        {
            if (PromptTemplate.Parse(message.Text).Template is not { } template)
            {
                continue; // The validator reports the parse errors with their place.
            }

            foreach (var name in template.Variables.Where(n => !variables.Exists(v => v.Name == n)))
            {
                variables.Add(new VariableDeclaration(name, null, true, null, null));
                added.Add(name);
            }
        }

        if (added.Count > 0)
        {
            warnings.Add($"Declared from their use in the body (not in inputs): {string.Join(", ", added)}.");
        }
    }

    private static string SchemaName(string name)
    {
        var slug = NotSchemaNameChar().Replace(name.Trim(), "_").Trim('_');
        return slug.Length == 0 ? "output" : slug.Length > 64 ? slug[..64] : slug;
    }

    private static Dictionary<string, object?> Map(Dictionary<string, object?> parent, string key, List<TemplateProblem> problems)
    {
        if (!parent.TryGetValue(key, out var value) || value is null)
        {
            return [];
        }

        if (value is Dictionary<string, object?> map)
        {
            return map;
        }

        problems.Add(new TemplateProblem(key, $"'{key}' must be a mapping."));
        return [];
    }

    private static string? Str(Dictionary<string, object?> map, string key) =>
        map.TryGetValue(key, out var value) && value is not (null or Dictionary<string, object?> or List<object?>) ? AsText(value) : null;

    private static double? Number(Dictionary<string, object?> map, string key, List<TemplateProblem> problems)
    {
        if (!map.TryGetValue(key, out var value) || value is null)
        {
            return null;
        }

        switch (value)
        {
            case long l:
                return l;
            case double d:
                return d;
            default:
                problems.Add(new TemplateProblem(key, $"'{key}' must be a number (got '{AsText(value)}')."));
                return null;
        }
    }

    private static string? AsText(object? value) => value switch
    {
        null => null,
        string s => s,
        bool b => b ? "true" : "false",
        long or double => Convert.ToString(value, CultureInfo.InvariantCulture),
        _ => ToJson(value)?.ToJsonString(),
    };

    private static JsonNode? ToJson(object? value) => value switch
    {
        null => null,
        string s => JsonValue.Create(s),
        bool b => JsonValue.Create(b),
        long l => JsonValue.Create(l),
        double d => JsonValue.Create(d),
        Dictionary<string, object?> map => new JsonObject(map.Select(kv => KeyValuePair.Create(kv.Key, ToJson(kv.Value)))),
        List<object?> list => new JsonArray([.. list.Select(ToJson)]),
        _ => JsonValue.Create(Convert.ToString(value, CultureInfo.InvariantCulture)),
    };
}
