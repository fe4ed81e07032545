using System.Text.Json;
using System.Text.Json.Serialization;

namespace Workbench.Core.Templates;

/// <summary>The body of a template version (and of a draft): messages, model settings, declared variables.</summary>
public sealed record TemplateContent(
    IReadOnlyList<TemplateMessage> Messages,
    ModelSettings Settings,
    IReadOnlyList<VariableDeclaration> Variables,
    OutputSchemaLink? OutputSchema = null)
{
    private static readonly JsonSerializerOptions SerializerOptions = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        WriteIndented = false,
    };

    public static TemplateContent Empty { get; } = new(
        [new TemplateMessage(MessageRole.System, ""), new TemplateMessage(MessageRole.User, "")],
        ModelSettings.Default,
        []);

    /// <summary>Stable JSON form: used for storage and to tell whether two contents are the same.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, SerializerOptions);

    public static TemplateContent FromJson(string json) =>
        JsonSerializer.Deserialize<TemplateContent>(json, SerializerOptions)
        ?? throw new InvalidOperationException("Stored template content is empty.");

    public bool SameAs(TemplateContent other) => string.Equals(ToJson(), other.ToJson(), StringComparison.Ordinal);
}
