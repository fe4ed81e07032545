using System.Text.Json;

namespace Workbench.Core.Schemas;

/// <summary>
/// A user's unsaved schema text, based on version <see cref="BaseVersionNumber"/> of <see cref="SchemaId"/>; for a new,
/// never-saved schema <see cref="SchemaId"/> is null, <see cref="BaseVersionNumber"/> is 0 and the draft also holds the
/// name and description typed so far. Text read back has been through redaction (an e-mail comes back as <c>[EMAIL#1]</c>).
/// </summary>
public sealed record SchemaDraft(Guid? SchemaId, string UserName, int BaseVersionNumber, string SchemaJson, string? Name, string? Description, DateTime UpdatedAtUtc)
{
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    /// <summary>The stored document: the text is a JSON string value, so value-by-value redaction keeps it valid JSON.</summary>
    internal static string ToJson(string schemaJson, string? name, string? description) =>
        JsonSerializer.Serialize(new Stored(schemaJson, name, description), JsonOptions);

    internal static SchemaDraft FromJson(Guid? schemaId, string userName, int baseVersionNumber, string json, DateTime updatedAtUtc)
    {
        Stored? stored;
        try
        {
            stored = JsonSerializer.Deserialize<Stored>(json, JsonOptions);
        }
        catch (JsonException)
        {
            stored = null;
        }

        return new SchemaDraft(schemaId, userName, baseVersionNumber, stored?.SchemaJson ?? "", stored?.Name, stored?.Description, DateTime.SpecifyKind(updatedAtUtc, DateTimeKind.Utc));
    }

    private sealed record Stored(string SchemaJson, string? Name, string? Description);
}
