// Hand-written (ADR-024): the run search folds accents like SQLite's FTS5 (remove_diacritics 2). Only calls the static SQL
// in src/Core/Persistence/Sql/PostgreSqlRunSearchSql.cs; no model change, so no snapshot change.
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Workbench.Core.Persistence;
using Workbench.Core.Persistence.Sql;

#nullable disable

namespace Workbench.Core.PostgreSql.Migrations
{
    /// <summary>Rebuilds <c>Runs."SearchVector"</c> over accent-folded text (PostgreSQL recomputes it for every stored run).</summary>
    [DbContext(typeof(WorkbenchDbContext))]
    [Migration("20261207070000_PostgreSqlSearchFoldsDiacritics")]
    public partial class PostgreSqlSearchFoldsDiacritics : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(PostgreSqlRunSearchSql.Drop);
            migrationBuilder.Sql(PostgreSqlRunSearchSql.CreateFolded);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(PostgreSqlRunSearchSql.Drop);
            migrationBuilder.Sql(PostgreSqlRunSearchSql.DropFolding);
            migrationBuilder.Sql(PostgreSqlRunSearchSql.Create);
        }
    }
}
