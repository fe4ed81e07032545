namespace Workbench.Tests.Api;

/// <summary>Every test of <see cref="RunApiTests"/> again, with the app on PostgreSQL (ADR-020).</summary>
public sealed class RunApiPostgreSqlTests(PostgreSqlApiHost host) : RunApiTests(host), IClassFixture<PostgreSqlApiHost>;
