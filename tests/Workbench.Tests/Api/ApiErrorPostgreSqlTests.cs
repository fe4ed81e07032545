namespace Workbench.Tests.Api;

/// <summary>Every test of <see cref="ApiErrorTests"/> again, with the app on PostgreSQL (ADR-020).</summary>
public sealed class ApiErrorPostgreSqlTests(PostgreSqlApiHost host) : ApiErrorTests(host), IClassFixture<PostgreSqlApiHost>;
