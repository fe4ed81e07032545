using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json;

namespace Workbench.Api.Runs;

/// <summary>A run to queue: a template version, variable values and optional overrides.</summary>
public sealed record CreateRunRequest
{
    [Required]
    [Description("The template's name (case-insensitive).")]
    public string? Template { get; init; }

    [Description("A version number. Give a version or a label, not both; neither = the latest version.")]
    public int? Version { get; init; }

    [Description("A label name (e.g. production) that points at the version to run.")]
    public string? Label { get; init; }

    [Description("Variable values by name. Strings are used as they are; numbers, booleans, arrays and objects are passed as their JSON text (for json variables).")]
    public IReadOnlyDictionary<string, JsonElement>? Variables { get; init; }

    [Description("Overrides the version's provider (a configured provider name).")]
    public string? Provider { get; init; }

    [Description("Overrides the version's model.")]
    public string? Model { get; init; }

    [Description("1 to 10 attempts (the initial one and repairs); default 3.")]
    public int? MaxAttempts { get; init; }

    [Description("Simulated provider only: faults to inject and the seed.")]
    public ApiSimulation? Simulation { get; init; }
}
