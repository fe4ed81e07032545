using Workbench.Core.Batches;
using Workbench.Core.Runs;

namespace Workbench.Core.Persistence;

/// <summary>A stored run. Free text is marked <see cref="RedactAttribute"/> and redacted on its way into the database.</summary>
public sealed class RunEntity
{
    public Guid Id { get; set; }
    public required string TemplateName { get; set; }
    public Guid? TemplateId { get; set; }
    public int? TemplateVersion { get; set; }
    public string? Label { get; set; }
    public int? RequestedVersion { get; set; }
    public string? Provider { get; set; }
    public string? Model { get; set; }
    public Guid? SchemaId { get; set; }
    public int? SchemaVersion { get; set; }
    public RunStatus Status { get; set; }
    /// <summary>Why a run ended without an attempt outcome (interrupted by a restart, ...). Never content.</summary>
    public string? StatusReason { get; set; }
    public int? MaxAttempts { get; set; }
    [Redact(IsJson = true)]
    public string VariablesJson { get; set; } = "{}";
    /// <summary>Simulation faults and seed (fault names and a number only).</summary>
    public string? SimulationJson { get; set; }
    [Redact]
    public string? Output { get; set; }
    [Redact(IsJson = true)]
    public string? Json { get; set; }
    [Redact(IsJson = true)]
    public string ErrorsJson { get; set; } = "[]";
    public int AttemptCount { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    public DateTime? StartedAtUtc { get; set; }
    public DateTime? FinishedAtUtc { get; set; }
    /// <summary>Who started the run (a user name; null for runs stored before this was recorded).</summary>
    public string? StartedBy { get; set; }
    /// <summary>The batch this run belongs to, with its case (row) and setting (column) in the batch's matrix.</summary>
    public Guid? BatchId { get; set; }
    public int? CaseIndex { get; set; }
    public int? SettingIndex { get; set; }
    /// <summary>The test case's expectation, evaluated on the unredacted result before it was stored; null = none.</summary>
    public ExpectationKind? ExpectationKind { get; set; }
    public bool? ExpectationPassed { get; set; }
    /// <summary>Why the expectation passed or failed; may quote the output, so it is redacted.</summary>
    [Redact]
    public string? ExpectationReason { get; set; }
    public List<RunAttemptEntity> Attempts { get; set; } = [];
}
