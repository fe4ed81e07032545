using System.ComponentModel;
using System.Text.Json;

namespace Workbench.Api.Templates;

/// <summary>One immutable template version.</summary>
public sealed record TemplateVersionResponse
{
    public required string Name { get; init; }

    public required int Version { get; init; }

    public required string Description { get; init; }

    public required string CommitMessage { get; init; }

    public required string Author { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required IReadOnlyList<ApiMessage> Messages { get; init; }

    public required IReadOnlyList<ApiVariable> Variables { get; init; }

    public required ApiModelSettings Settings { get; init; }

    [Description("The pinned output schema's JSON Schema, or null when the version has none.")]
    public JsonElement? Schema { get; init; }

    [Description("Which stored schema version is pinned, or null.")]
    public SchemaReference? OutputSchema { get; init; }

    [Description("The labels that point at this version.")]
    public required IReadOnlyList<string> Labels { get; init; }
}
