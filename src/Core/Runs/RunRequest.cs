using Workbench.Core.Providers;

namespace Workbench.Core.Runs;

/// <summary>
/// What to run: a template (by name) at a version number or a label (neither = the latest version), the variable values,
/// and optional overrides of the version's provider and model. <see cref="Simulation"/> carries simulated-provider faults
/// and seed; its <see cref="SimulationSettings.Attempt"/> is set by the engine.
/// </summary>
public sealed record RunRequest(string Template, IReadOnlyDictionary<string, string?> Variables)
{
    public const int DefaultMaxAttempts = 3;

    public const int MaxMaxAttempts = 10;

    public int? Version { get; init; }

    public string? Label { get; init; }

    public string? Provider { get; init; }

    public string? Model { get; init; }

    public int? MaxAttempts { get; init; }

    public SimulationSettings? Simulation { get; init; }

    /// <summary>Who asked for the run (a user name), stored as the run's author; null = unknown (API without sign-in).</summary>
    public string? RequestedBy { get; init; }

    /// <summary>
    /// The template's id when the caller has already resolved <see cref="Template"/> and <see cref="Version"/> (a batch
    /// does, once). The engine then takes the saved version from its cache without looking the name up again: saved
    /// versions never change, and a rename in the middle of a batch does not break its remaining runs (ADR-025).
    /// </summary>
    public Guid? TemplateId { get; internal init; }

    /// <summary>The batch this run belongs to, if any.</summary>
    public Guid? BatchId { get; init; }
}
