using Workbench.Core.Persistence;
using Workbench.Core.Runs;
using Workbench.Core.Tests.Persistence;

namespace Workbench.Core.Tests.Retention;

/// <summary>Plants runs with chosen status and times straight into the test database (through the redaction interceptor).</summary>
internal static class RetentionTestData
{
    public static async Task<Guid> AddRunAsync(
        TestDatabase database,
        RunStatus status,
        DateTime createdAtUtc,
        DateTime? finishedAtUtc,
        Guid? templateId = null,
        string output = "{\"city\":\"Oslo\"}",
        int attempts = 1,
        CancellationToken cancellationToken = default)
    {
        await using var db = await database.Factory.CreateDbContextAsync(cancellationToken);
        var run = new RunEntity
        {
            Id = Guid.NewGuid(),
            TemplateName = "trip-quote",
            TemplateId = templateId,
            Status = status,
            Output = output,
            AttemptCount = attempts,
            CreatedAtUtc = createdAtUtc,
            StartedAtUtc = status == RunStatus.Queued ? null : createdAtUtc,
            FinishedAtUtc = finishedAtUtc,
        };
        for (var i = 1; i <= attempts; i++)
        {
            run.Attempts.Add(new RunAttemptEntity { Id = Guid.NewGuid(), RunId = run.Id, Number = i, Status = RunAttemptStatus.Valid, Output = output });
        }

        db.Runs.Add(run);
        await db.SaveChangesAsync(cancellationToken);
        return run.Id;
    }

    public static async Task<(List<Guid> Runs, int Attempts)> RemainingAsync(TestDatabase database, CancellationToken cancellationToken = default)
    {
        await using var db = await database.Factory.CreateDbContextAsync(cancellationToken);
        var runs = db.Runs.Select(r => r.Id).ToList();
        var attempts = db.RunAttempts.Count();
        await Task.CompletedTask;
        return (runs, attempts);
    }
}
