using Workbench.Core.Persistence;

namespace Workbench.Tests.Security;

/// <summary>The team-mode app on a fresh PostgreSQL database (ADR-020); its tests are skipped without PostgreSQL (failed when CI=true).</summary>
public sealed class PostgreSqlTeamApp : TeamApp
{
    protected override DatabaseProvider Provider => DatabaseProvider.PostgreSql;
}
