using Workbench.Core.Batches;

namespace Workbench.Core.Persistence;

/// <summary>
/// A stored batch: a template version run over cases × settings. Its runs point back with <see cref="RunEntity.BatchId"/>;
/// counts are read from them (one source of truth), not kept here. Holds no content: variable values live (redacted)
/// in the runs.
/// </summary>
public sealed class BatchEntity
{
    public Guid Id { get; set; }
    public required string TemplateName { get; set; }
    public Guid TemplateId { get; set; }
    /// <summary>The version every run of the batch uses (resolved once at start, so a new version mid-batch changes nothing).</summary>
    public int TemplateVersion { get; set; }
    public string? Label { get; set; }
    public string? TestSet { get; set; }
    /// <summary>The provider/model pairs, JSON <c>[{"provider":..,"model":..}]</c> (names only).</summary>
    public string SettingsJson { get; set; } = "[]";
    public int CaseCount { get; set; }
    public int Total { get; set; }
    public int Concurrency { get; set; }
    public int? MaxAttempts { get; set; }
    /// <summary>Simulation faults and seed (fault names and a number only).</summary>
    public string? SimulationJson { get; set; }
    public BatchStatus Status { get; set; }
    /// <summary>Why the batch ended early (interrupted by a restart, ...). Never content.</summary>
    public string? StatusReason { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    public DateTime? StartedAtUtc { get; set; }
    public DateTime? FinishedAtUtc { get; set; }
}
