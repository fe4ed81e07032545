using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Workbench.Core.Persistence;

namespace Workbench.Hosting;

/// <summary>Healthy when the database answers and every migration in the build has been applied.</summary>
internal sealed class DatabaseHealthCheck(IDbContextFactory<WorkbenchDbContext> dbFactory) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            if (!await db.Database.CanConnectAsync(cancellationToken))
            {
                return HealthCheckResult.Unhealthy("The database cannot be opened.");
            }

            var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
            return pending.Count == 0
                ? HealthCheckResult.Healthy("Database reachable; all migrations applied.")
                : HealthCheckResult.Unhealthy($"{pending.Count} migration(s) not applied.");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The exception text can carry paths; the type is enough for an operator to start looking.
            return HealthCheckResult.Unhealthy($"Database check failed ({ex.GetType().Name}).");
        }
    }
}
