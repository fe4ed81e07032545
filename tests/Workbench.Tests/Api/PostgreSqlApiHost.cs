using Workbench.Core.Persistence;

namespace Workbench.Tests.Api;

/// <summary>The API host on a fresh PostgreSQL database (ADR-020); its tests are skipped without PostgreSQL (failed when CI=true).</summary>
public sealed class PostgreSqlApiHost : ApiHost
{
    protected override DatabaseProvider Provider => DatabaseProvider.PostgreSql;
}
