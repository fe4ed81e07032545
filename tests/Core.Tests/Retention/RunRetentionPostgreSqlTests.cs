using Workbench.Core.Persistence;

namespace Workbench.Core.Tests.Retention;

/// <summary>Every test of <see cref="RunRetentionTests"/> again, on PostgreSQL (skipped where PostgreSQL is absent, failed in CI).</summary>
public sealed class RunRetentionPostgreSqlTests : RunRetentionTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.PostgreSql;
}
