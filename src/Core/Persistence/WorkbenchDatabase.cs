using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Workbench.Core.Persistence;

/// <summary>
/// The one place that knows how each engine is configured (ADR-020): the app's context factory, the design-time
/// factories and the tests all go through <see cref="UseWorkbenchDatabase"/>, so a pooled factory or a new setting
/// changes one method.
/// </summary>
public static class WorkbenchDatabase
{
    private static readonly IInterceptor SqlitePragmas = new SqlitePragmaInterceptor();

    /// <summary>
    /// Points <paramref name="builder"/> at the database in <paramref name="settings"/>: SQLite with its per-connection
    /// pragmas and the migrations in Workbench.Core, or PostgreSQL (Npgsql) with the migrations in
    /// <see cref="DatabaseSettings.PostgreSqlMigrationsAssembly"/>. Add the app's interceptors (immutability,
    /// redaction) after this call.
    /// </summary>
    public static DbContextOptionsBuilder<TContext> UseWorkbenchDatabase<TContext>(this DbContextOptionsBuilder<TContext> builder, DatabaseSettings settings)
        where TContext : DbContext
    {
        UseWorkbenchDatabase((DbContextOptionsBuilder)builder, settings);
        return builder;
    }

    /// <inheritdoc cref="UseWorkbenchDatabase{TContext}"/>
    public static DbContextOptionsBuilder UseWorkbenchDatabase(this DbContextOptionsBuilder builder, DatabaseSettings settings)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(settings);
        return settings.Provider switch
        {
            DatabaseProvider.Sqlite => builder
                .UseSqlite(settings.ConnectionString)
                .AddInterceptors(SqlitePragmas),
            DatabaseProvider.PostgreSql => UseNpgsql(builder, settings.ConnectionString),
            _ => throw new ArgumentOutOfRangeException(nameof(settings), settings.Provider, "Unknown database provider."),
        };
    }

    /// <summary>Whether <paramref name="database"/> is PostgreSQL (the same test as Npgsql's <c>IsNpgsql()</c>, see <see cref="UseNpgsql"/>).</summary>
    public static bool IsPostgreSql(this DatabaseFacade database)
    {
        ArgumentNullException.ThrowIfNull(database);
        return database.ProviderName == NpgsqlProviderName;
    }

    private const string NpgsqlProviderName = "Npgsql.EntityFrameworkCore.PostgreSQL";

    /// <summary>
    /// Npgsql on its own, never inlined: the JIT loads the assemblies a method refers to when it compiles the method, so
    /// an app on SQLite never loads Npgsql and its EF Core provider (≈ 1.4 MB of mapped code, and their types).
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static DbContextOptionsBuilder UseNpgsql(DbContextOptionsBuilder builder, string connectionString) =>
        builder.UseNpgsql(connectionString, o => o.MigrationsAssembly(DatabaseSettings.PostgreSqlMigrationsAssembly));
}
