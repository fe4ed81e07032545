using Workbench.Core.Persistence;

namespace Workbench.Tests.Security;

/// <summary>Every test of <see cref="AccountTests"/> again, with the app on PostgreSQL (ADR-020; skipped without PostgreSQL, failed when CI=true).</summary>
public sealed class AccountPostgreSqlTests : AccountTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.PostgreSql;
}
