using System.Text.Json;
using System.Text.Json.Nodes;
using Workbench.Core.Redaction;

namespace Workbench.Core.Export;

/// <summary>
/// The export redaction boundary: every free-text value of a package (description, commit message, author, message texts,
/// variable descriptions, defaults and examples, stop sequences, test-case values and expectations, the schema's strings)
/// goes through the app's <see cref="Redactor"/> before any format is written. Names, tags, labels and model names are
/// identifiers checked by their own rules and are left as they are. Placeholders are numbered consistently within one export.
/// </summary>
internal sealed class PackageRedactor(Redactor redactor)
{
    private readonly RedactionScope _scope = new();

    public int Count { get; private set; }

    public TemplatePackage Redact(TemplatePackage package)
    {
        var content = package.Content;
        var redactedContent = content with
        {
            Messages = [.. content.Messages.Select(m => m with { Text = Text(m.Text) })],
            Variables = [.. content.Variables.Select(v => v with
            {
                Description = Optional(v.Description),
                DefaultValue = Optional(v.DefaultValue),
                ExampleValue = Optional(v.ExampleValue),
            })],
            Settings = content.Settings with { StopSequences = [.. content.Settings.StopSequences.Select(Text)] },
        };

        return package with
        {
            Description = Text(package.Description),
            Author = Text(package.Author),
            CommitMessage = Text(package.CommitMessage),
            Content = redactedContent,
            Schema = package.Schema is { } schema ? schema with { Json = Json(schema.Json) } : null,
            TestCases = [.. package.TestCases.Select(c => c with
            {
                Variables = c.Variables.ToDictionary(kv => kv.Key, kv => Optional(kv.Value), StringComparer.Ordinal),
                ExpectValue = Optional(c.ExpectValue),
            })],
        };
    }

    private string? Optional(string? text) => text is null ? null : Text(text);

    private string Text(string text)
    {
        var result = redactor.Redact(text, _scope);
        Count += result.Spans.Count;
        return result.Text;
    }

    private string Json(string json)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { MaxDepth = 256 });
        }
        catch (JsonException)
        {
            return Text(json);
        }

        var before = Count;
        var redacted = Walk(root);
        return Count == before ? json : redacted?.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) ?? "null";
    }

    private JsonNode? Walk(JsonNode? node) => node switch
    {
        JsonObject obj => new JsonObject(obj.Select(p => KeyValuePair.Create(p.Key, Walk(p.Value)))),
        JsonArray array => new JsonArray([.. array.Select(Walk)]),
        JsonValue value when value.GetValueKind() == JsonValueKind.String => JsonValue.Create(Text(value.GetValue<string>())),
        _ => node?.DeepClone(),
    };
}
