using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Workbench.Core.Persistence;

/// <summary>
/// Lets <c>dotnet ef</c> build the model without starting the web app or reaching a server. SQLite by default; with
/// <c>-- --provider postgresql</c> after the command, the PostgreSQL model whose migrations live in
/// Workbench.Core.PostgreSql (ADR-020): adding a migration and <c>has-pending-model-changes</c> never connect.
/// </summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<WorkbenchDbContext>
{
    public WorkbenchDbContext CreateDbContext(string[] args)
    {
        var postgreSql = args.SkipWhile(a => a != "--provider").Skip(1).FirstOrDefault() is { } name
            && DatabaseProviderNames.Parse(name) == DatabaseProvider.PostgreSql;
        var builder = new DbContextOptionsBuilder<WorkbenchDbContext>();
        return new(postgreSql
            ? builder.UseWorkbenchDatabase(DatabaseSettings.PostgreSql("Host=localhost;Database=workbench_design_time")).Options
            : builder.UseSqlite("Data Source=design-time.db").Options);
    }
}
