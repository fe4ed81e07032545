namespace Workbench.Core.Persistence;

/// <summary>
/// What <see cref="IDatabaseMaintenance.CompactAsync"/> did: whether the database was rebuilt, and whether the log could
/// be emptied (false when a reader still held an old snapshot: its pages are truncated on a later compaction).
/// </summary>
public sealed record DatabaseCompaction(bool Rebuilt, bool LogTruncated);
