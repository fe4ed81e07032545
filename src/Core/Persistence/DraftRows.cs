using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;

namespace Workbench.Core.Persistence;

/// <summary>
/// The row logic shared by template and schema drafts: one row per owner and user, written only through change tracking,
/// so <see cref="RedactionInterceptor"/> sees every write (a bulk <c>ExecuteUpdate</c> would bypass it).
/// </summary>
internal static class DraftRows
{
    /// <summary>
    /// Inserts or updates the row matched by <paramref name="mine"/>. <paramref name="ownerExists"/> is asked before an insert
    /// (a draft of a deleted template or schema is dropped). When two tabs of the same user insert at once, the unique index
    /// refuses one; that one retries once as an update of the winner's row.
    /// </summary>
    public static async Task UpsertAsync<TDraft>(
        IDbContextFactory<WorkbenchDbContext> dbFactory,
        Expression<Func<TDraft, bool>> mine,
        Func<WorkbenchDbContext, CancellationToken, Task<bool>> ownerExists,
        Func<TDraft> create,
        int baseVersionNumber,
        string contentJson,
        DateTime now,
        CancellationToken cancellationToken)
        where TDraft : class, IDraftEntity
    {
        for (var attempt = 0; ; attempt++)
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var draft = await db.Set<TDraft>().FirstOrDefaultAsync(mine, cancellationToken);
            if (draft is null)
            {
                if (!await ownerExists(db, cancellationToken))
                {
                    return;
                }

                draft = create();
                db.Set<TDraft>().Add(draft);
            }

            draft.BaseVersionNumber = baseVersionNumber;
            draft.ContentJson = contentJson;
            draft.UpdatedAtUtc = now;
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return;
            }
            catch (DbUpdateException) when (attempt == 0)
            {
                // Lost the insert race to another tab of the same user: the next attempt finds its row and updates it.
            }
        }
    }

    /// <summary>Marks the user's draft for removal in <paramref name="db"/>'s unit of work (the caller's save commits it).</summary>
    public static async Task RemoveInAsync<TDraft>(WorkbenchDbContext db, Expression<Func<TDraft, bool>> mine, CancellationToken cancellationToken)
        where TDraft : class, IDraftEntity
    {
        var draft = await db.Set<TDraft>().FirstOrDefaultAsync(mine, cancellationToken);
        if (draft is not null)
        {
            db.Set<TDraft>().Remove(draft);
        }
    }

    public static async Task DeleteAsync<TDraft>(IDbContextFactory<WorkbenchDbContext> dbFactory, Expression<Func<TDraft, bool>> mine, CancellationToken cancellationToken)
        where TDraft : class, IDraftEntity
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await db.Set<TDraft>().Where(mine).ExecuteDeleteAsync(cancellationToken);
    }
}
