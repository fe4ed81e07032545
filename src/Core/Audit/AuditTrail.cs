using Microsoft.EntityFrameworkCore;
using Workbench.Core.Persistence;

namespace Workbench.Core.Audit;

/// <summary>
/// The audit trail (ADR-017): who did what, when, to what, from where. Entries are appended, never changed; the
/// details text is redacted at the database boundary like every other free text.
/// <para>
/// Services that write the change themselves call <see cref="Stage"/> on their own context before
/// <c>SaveChanges</c>, so the entry commits or rolls back with the change. Changes made elsewhere (Identity,
/// bulk deletes) are recorded right after with <see cref="RecordAsync"/>; a failure to record propagates to the caller
/// (it is never swallowed).
/// </para>
/// </summary>
public sealed class AuditTrail(IDbContextFactory<WorkbenchDbContext> dbFactory, TimeProvider time)
{
    /// <summary>The actor name of work nobody started (retention purge, start-up).</summary>
    public const string SystemActor = "system";

    /// <summary>Longest details text kept; longer text is cut with an ellipsis.</summary>
    public const int MaxDetailsLength = 1000;

    /// <summary>Adds the entry to <paramref name="db"/>'s pending changes: it is saved with them, in their transaction.</summary>
    public static void Stage(WorkbenchDbContext db, DateTime utcNow, AuditEvent audit)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(audit);
        if (!AuditActions.IsKnown(audit.Action))
        {
            throw new ArgumentException($"'{audit.Action}' is not an audit action; add it to {nameof(AuditActions)}.", nameof(audit));
        }

        var origin = AuditContext.Current;
        var name = audit.ActorName ?? origin?.UserName ?? SystemActor;
        var id = audit.ActorId ?? (origin is not null && string.Equals(origin.UserName, name, StringComparison.Ordinal) ? origin.UserId : null);
        db.AuditEntries.Add(new AuditEntryEntity
        {
            OccurredAtUtc = utcNow,
            ActorId = Cut(id, 450),
            ActorName = Cut(name, 256)!,
            Action = audit.Action,
            TargetKind = audit.TargetKind,
            TargetId = Cut(audit.TargetId, 450),
            TargetName = Cut(audit.TargetName, 256),
            Details = Cut(audit.Details, MaxDetailsLength),
            ClientIp = Cut(origin?.ClientIp, 64),
        });
    }

    /// <summary>Writes the entry in its own context (for changes saved elsewhere), right after the change.</summary>
    public static async Task WriteAsync(IDbContextFactory<WorkbenchDbContext> dbFactory, TimeProvider time, AuditEvent audit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dbFactory);
        ArgumentNullException.ThrowIfNull(time);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        Stage(db, time.GetUtcNow().UtcDateTime, audit);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Records <paramref name="audit"/> now, in its own transaction.</summary>
    public Task RecordAsync(AuditEvent audit, CancellationToken cancellationToken = default) =>
        WriteAsync(dbFactory, time, audit, cancellationToken);

    /// <summary>A page of entries matching the filters, newest first; page and size are clamped to sensible values.</summary>
    public async Task<AuditPage> QueryAsync(AuditQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var size = Math.Clamp(query.PageSize, 1, AuditQuery.MaxPageSize);
        var page = Math.Max(1, query.Page);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var entries = db.AuditEntries.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(query.Actor))
        {
            var actor = query.Actor.Trim();
            entries = entries.Where(e => e.ActorName == actor || e.ActorId == actor);
        }

        if (!string.IsNullOrWhiteSpace(query.Action))
        {
            var action = query.Action.Trim();
            entries = entries.Where(e => e.Action == action);
        }

        if (!string.IsNullOrWhiteSpace(query.Target))
        {
            var target = query.Target.Trim();
            entries = entries.Where(e => e.TargetId == target || e.TargetName!.Contains(target) || e.TargetKind == target);
        }

        if (query.FromUtc is { } from)
        {
            entries = entries.Where(e => e.OccurredAtUtc >= from);
        }

        if (query.ToUtc is { } to)
        {
            entries = entries.Where(e => e.OccurredAtUtc < to);
        }

        var total = await entries.CountAsync(cancellationToken);
        var rows = await entries
            .OrderByDescending(e => e.OccurredAtUtc).ThenByDescending(e => e.Id)
            .Skip((page - 1) * size).Take(size)
            .Select(e => new AuditEntry(e.Id, e.OccurredAtUtc, e.ActorId, e.ActorName, e.Action, e.TargetKind, e.TargetId, e.TargetName, e.Details, e.ClientIp))
            .ToListAsync(cancellationToken);
        return new AuditPage(rows, total, page, size);
    }

    /// <summary>The distinct actor names in the trail (for the actor filter), sorted.</summary>
    public async Task<IReadOnlyList<string>> ListActorsAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var names = await db.AuditEntries.AsNoTracking().Select(e => e.ActorName).Distinct().ToListAsync(cancellationToken);
        return [.. names.Order(StringComparer.OrdinalIgnoreCase)];
    }

    /// <summary>Deletes entries older than <paramref name="cutoffUtc"/> (the retention purge) and returns how many.</summary>
    public async Task<int> PurgeBeforeAsync(DateTime cutoffUtc, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.AuditEntries.Where(e => e.OccurredAtUtc < cutoffUtc).ExecuteDeleteAsync(cancellationToken);
    }

    private static string? Cut(string? text, int max) =>
        text is null ? null : text.Length <= max ? text : string.Concat(text.AsSpan(0, max - 1), "…");
}
