using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Workbench.Core.Audit;
using Workbench.Core.Persistence;
using Workbench.Core.Templates;

namespace Workbench.Core.History;

/// <summary>
/// Reviewers' verdicts on runs. Verdicts are appended, never edited: the newest one is the run's current verdict and
/// the list is the review trail. Comments are redacted at the database boundary like every other free text.
/// </summary>
public sealed class VerdictService(IDbContextFactory<WorkbenchDbContext> dbFactory, TimeProvider time)
{
    public const int MaxCommentLength = 4000;

    /// <summary>Stores a verdict; problems name the field (<c>run</c>, <c>reviewer</c>, <c>comment</c>).</summary>
    public async Task<OperationResult<RunVerdict>> AddAsync(Guid runId, string reviewer, VerdictKind verdict, string? comment, CancellationToken cancellationToken = default)
    {
        var problems = new List<TemplateProblem>();
        if (string.IsNullOrWhiteSpace(reviewer))
        {
            problems.Add(new("reviewer", "A verdict needs the reviewer's name."));
        }

        if (!Enum.IsDefined(verdict))
        {
            problems.Add(new("verdict", "The verdict must be approved, rejected or needs work."));
        }

        comment = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim();
        if (comment is { Length: > MaxCommentLength })
        {
            problems.Add(new("comment", string.Create(CultureInfo.InvariantCulture, $"The comment is {comment.Length} characters long; at most {MaxCommentLength} are allowed.")));
        }

        if (verdict is VerdictKind.Rejected or VerdictKind.NeedsWork && comment is null)
        {
            problems.Add(new("comment", "Say why: a rejection or a request for work needs a comment."));
        }

        if (problems.Count > 0)
        {
            return OperationResult<RunVerdict>.Fail(problems);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (!await db.Runs.AnyAsync(r => r.Id == runId, cancellationToken))
        {
            return OperationResult<RunVerdict>.Fail(new TemplateProblem("run", "This run no longer exists."));
        }

        var now = time.GetUtcNow();
        var entity = new RunVerdictEntity { Id = Guid.CreateVersion7(now), RunId = runId, Reviewer = reviewer.Trim(), Verdict = verdict, Comment = comment, CreatedAtUtc = now.UtcDateTime };
        db.RunVerdicts.Add(entity);
        AuditTrail.Stage(db, now.UtcDateTime, new(AuditActions.VerdictGiven, AuditTargets.Run, runId.ToString(), null, entity.Verdict.ToString()) { ActorName = entity.Reviewer });
        await db.SaveChangesAsync(cancellationToken);
        return OperationResult<RunVerdict>.Ok(ToRecord(entity));
    }

    /// <summary>The verdicts on a run, newest first.</summary>
    public async Task<IReadOnlyList<RunVerdict>> ListAsync(Guid runId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = await db.RunVerdicts.AsNoTracking().Where(v => v.RunId == runId).OrderByDescending(v => v.CreatedAtUtc).ThenByDescending(v => v.Id).ToListAsync(cancellationToken);
        return [.. rows.Select(ToRecord)];
    }

    /// <summary>The newest verdict of each of the given runs (runs without one are absent).</summary>
    public async Task<IReadOnlyDictionary<Guid, RunVerdict>> LatestAsync(IReadOnlyCollection<Guid> runIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(runIds);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = await db.RunVerdicts.AsNoTracking().Where(v => runIds.Contains(v.RunId)).ToListAsync(cancellationToken);
        return rows.GroupBy(v => v.RunId).ToDictionary(g => g.Key, g => ToRecord(g.OrderByDescending(v => v.CreatedAtUtc).ThenByDescending(v => v.Id).First()));
    }

    private static RunVerdict ToRecord(RunVerdictEntity v) => new(v.Id, v.RunId, v.Reviewer, v.Verdict, v.Comment, v.CreatedAtUtc);
}
