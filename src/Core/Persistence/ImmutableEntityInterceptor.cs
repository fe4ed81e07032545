using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Workbench.Core.Persistence;

/// <summary>
/// Saved template and schema versions and audit entries are immutable: any attempt to update one through EF Core is a programmer error.
/// A trigger in the migrations backs this up for anything that bypasses EF Core.
/// </summary>
public sealed class ImmutableEntityInterceptor : SaveChangesInterceptor
{
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Check(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Check(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private static void Check(DbContext? context)
    {
        if (context is null)
        {
            return;
        }

        // One pass over the tracked entries: each Entries<T>() call runs DetectChanges again, and this runs on every save.
        foreach (var entry in context.ChangeTracker.Entries())
        {
            switch (entry.Entity)
            {
                case TemplateVersionEntity version when entry.State == EntityState.Modified:
                    throw new InvalidOperationException($"Template version {version.Number} is immutable; create a new version instead.");
                case SchemaVersionEntity version when entry.State == EntityState.Modified:
                    throw new InvalidOperationException($"Schema version {version.Number} is immutable; create a new version instead.");
                case AuditEntryEntity audit when entry.State is EntityState.Modified or EntityState.Deleted:
                    throw new InvalidOperationException($"Audit entry {audit.Id} is immutable: audit entries are only ever appended.");
            }
        }
    }
}
