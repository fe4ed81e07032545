using Workbench.Core.Persistence;

namespace Workbench.Tests.Security;

/// <summary>Every test of <see cref="UserAdministrationTests"/> again, with the app on PostgreSQL (ADR-020; skipped without PostgreSQL, failed when CI=true).</summary>
public sealed class UserAdministrationPostgreSqlTests : UserAdministrationTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.PostgreSql;
}
