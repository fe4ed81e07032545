namespace Workbench.Core.History;

/// <summary>
/// What a stored run was asked to do: template and version, label, provider and model, attempts, simulation, and the
/// variable values <b>as stored, so redacted</b> (personal data and secrets are placeholders such as <c>[EMAIL_1]</c>).
/// </summary>
public sealed record RunInputs(
    Guid Id,
    string Template,
    Guid? TemplateId,
    int? Version,
    string? Label,
    string? Provider,
    string? Model,
    int? MaxAttempts,
    IReadOnlyDictionary<string, string?> Variables,
    RunSimulation? Simulation,
    string? StartedBy,
    Guid? SchemaId,
    int? SchemaVersion);
