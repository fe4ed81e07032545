// PostgreSQL migrations of WorkbenchDbContext (ADR-020); the SQLite ones are in src/Core/Persistence/Migrations.
//
// Two migrations only: the generated "Initial" (the whole model) and this hand-written one, which only calls the static
// SQL classes in src/Core/Persistence/Sql (full-text search column + GIN index, immutability triggers, audit guards). To regenerate
// "Initial" after model changes (e.g. when merging branches that added tables):
//
//   rm src/Core.PostgreSql/Migrations/*_Initial.cs src/Core.PostgreSql/Migrations/*_Initial.Designer.cs \
//      src/Core.PostgreSql/Migrations/WorkbenchDbContextModelSnapshot.cs
//   dotnet ef migrations add Initial --project src/Core.PostgreSql --startup-project src/Workbench \
//      --output-dir Migrations -- --provider postgresql
//   # give the new Initial a timestamp before 20261207043600 (rename both files and its [Migration] id)
//   dotnet ef migrations has-pending-model-changes --project src/Core.PostgreSql --startup-project src/Workbench \
//      -- --provider postgresql
//
// Later model changes (after a release) become ordinary additional migrations with the same "-- --provider postgresql".
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Workbench.Core.Persistence;
using Workbench.Core.Persistence.Sql;

#nullable disable

namespace Workbench.Core.PostgreSql.Migrations
{
    /// <summary>Hand-written PostgreSQL objects EF Core does not model: run search (tsvector + GIN) and immutability triggers.</summary>
    [DbContext(typeof(WorkbenchDbContext))]
    [Migration("20261207043600_PostgreSqlSearchAndTriggers")]
    public partial class PostgreSqlSearchAndTriggers : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(PostgreSqlImmutabilitySql.Create);
            migrationBuilder.Sql(PostgreSqlRunSearchSql.Create);
            migrationBuilder.Sql(PostgreSqlAuditSql.Create);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(PostgreSqlAuditSql.Drop);
            migrationBuilder.Sql(PostgreSqlRunSearchSql.Drop);
            migrationBuilder.Sql(PostgreSqlImmutabilitySql.Drop);
        }
    }
}
