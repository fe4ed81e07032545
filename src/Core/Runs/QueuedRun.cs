namespace Workbench.Core.Runs;

/// <summary>
/// A stored (queued) run and its request as submitted. The request stays in memory only: the stored copy is redacted,
/// so the worker must execute the submitted values, never the database's.
/// </summary>
public sealed record QueuedRun(Guid Id, RunRequest Request);
