namespace Workbench.Tests.Security;

/// <summary>Every test of <see cref="ApiTokenTests"/> again, with the app on PostgreSQL (ADR-020).</summary>
public sealed class ApiTokenPostgreSqlTests(PostgreSqlTeamApp app) : ApiTokenTests(app), IClassFixture<PostgreSqlTeamApp>;
