using Microsoft.EntityFrameworkCore.Migrations;
using Workbench.Core.Persistence.Sql;

#nullable disable

namespace Workbench.Core.Persistence.Migrations
{
    /// <summary>
    /// ADR-029: run writes queue runs for the full-text index instead of indexing them in their own commit
    /// (<see cref="RunSearchSql.DeferIndexing"/>). No model change.
    /// </summary>
    public partial class DeferredRunSearch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(RunSearchSql.DeferIndexing);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(RunSearchSql.IndexImmediately);
        }
    }
}
