using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json;

namespace Workbench.Api.Templates;

/// <summary>A template version to save: a new template, or the next version of the template with this name.</summary>
public sealed record CreateTemplateRequest
{
    [Required]
    [Description("Letters, digits, spaces and . _ - ( ), at most 100 characters. Unique, case-insensitive: an existing name gets a new version.")]
    public string? Name { get; init; }

    [Description("Set when the template is created; when given for an existing template, it replaces the description.")]
    public string? Description { get; init; }

    [Description("Lower-case tags (letters, digits, . _ -). Set on creation; when given for an existing template, they replace its tags.")]
    public IReadOnlyList<string>? Tags { get; init; }

    [Required]
    [Description("The chat messages, in order (indices in error field names are 0-based: messages[1] is the second).")]
    public IReadOnlyList<ApiMessage>? Messages { get; init; }

    [Description("The declared variables. Omitted = declared from what the messages use (all required).")]
    public IReadOnlyList<ApiVariable>? Variables { get; init; }

    [Required]
    public ApiModelSettings? Settings { get; init; }

    [Description("An inline JSON Schema object for the output. Stored as the schema '<template name>-output' (a new version when it differs from the latest) and pinned by this template version.")]
    public JsonElement? Schema { get; init; }

    [Description("Optional note for the version history.")]
    public string? CommitMessage { get; init; }
}
