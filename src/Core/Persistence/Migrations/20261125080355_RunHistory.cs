using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Workbench.Core.Persistence.Sql;

#nullable disable

namespace Workbench.Core.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class RunHistory : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "StartedBy",
                table: "Runs",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "RunVerdicts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    RunId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Reviewer = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Verdict = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Comment = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RunVerdicts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_RunVerdicts_Runs_RunId",
                        column: x => x.RunId,
                        principalTable: "Runs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Runs_AttemptCount_CreatedAtUtc",
                table: "Runs",
                columns: new[] { "AttemptCount", "CreatedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_Runs_Model_CreatedAtUtc",
                table: "Runs",
                columns: new[] { "Model", "CreatedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_Runs_Provider_Model_CreatedAtUtc",
                table: "Runs",
                columns: new[] { "Provider", "Model", "CreatedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_Runs_StartedBy_CreatedAtUtc",
                table: "Runs",
                columns: new[] { "StartedBy", "CreatedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_Runs_Status_CreatedAtUtc",
                table: "Runs",
                columns: new[] { "Status", "CreatedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_Runs_TemplateName_CreatedAtUtc",
                table: "Runs",
                columns: new[] { "TemplateName", "CreatedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_Runs_TemplateName_Status_CreatedAtUtc",
                table: "Runs",
                columns: new[] { "TemplateName", "Status", "CreatedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_RunVerdicts_RunId_CreatedAtUtc",
                table: "RunVerdicts",
                columns: new[] { "RunId", "CreatedAtUtc" });

            migrationBuilder.Sql(RunSearchSql.Create);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(RunSearchSql.Drop);

            migrationBuilder.DropTable(
                name: "RunVerdicts");

            migrationBuilder.DropIndex(
                name: "IX_Runs_AttemptCount_CreatedAtUtc",
                table: "Runs");

            migrationBuilder.DropIndex(
                name: "IX_Runs_Model_CreatedAtUtc",
                table: "Runs");

            migrationBuilder.DropIndex(
                name: "IX_Runs_Provider_Model_CreatedAtUtc",
                table: "Runs");

            migrationBuilder.DropIndex(
                name: "IX_Runs_StartedBy_CreatedAtUtc",
                table: "Runs");

            migrationBuilder.DropIndex(
                name: "IX_Runs_Status_CreatedAtUtc",
                table: "Runs");

            migrationBuilder.DropIndex(
                name: "IX_Runs_TemplateName_CreatedAtUtc",
                table: "Runs");

            migrationBuilder.DropIndex(
                name: "IX_Runs_TemplateName_Status_CreatedAtUtc",
                table: "Runs");

            migrationBuilder.DropColumn(
                name: "StartedBy",
                table: "Runs");
        }
    }
}
