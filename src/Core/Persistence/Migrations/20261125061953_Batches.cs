using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Workbench.Core.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class Batches : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "BatchId",
                table: "Runs",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "CaseIndex",
                table: "Runs",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ExpectationKind",
                table: "Runs",
                type: "TEXT",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "ExpectationPassed",
                table: "Runs",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ExpectationReason",
                table: "Runs",
                type: "TEXT",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "SettingIndex",
                table: "Runs",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "Batches",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TemplateName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    TemplateId = table.Column<Guid>(type: "TEXT", nullable: false),
                    TemplateVersion = table.Column<int>(type: "INTEGER", nullable: false),
                    Label = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    TestSet = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    SettingsJson = table.Column<string>(type: "TEXT", nullable: false),
                    CaseCount = table.Column<int>(type: "INTEGER", nullable: false),
                    Total = table.Column<int>(type: "INTEGER", nullable: false),
                    Concurrency = table.Column<int>(type: "INTEGER", nullable: false),
                    MaxAttempts = table.Column<int>(type: "INTEGER", nullable: true),
                    SimulationJson = table.Column<string>(type: "TEXT", nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    StatusReason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    StartedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    FinishedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Batches", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "TestCases",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TemplateId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SetName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Position = table.Column<int>(type: "INTEGER", nullable: false),
                    VariablesJson = table.Column<string>(type: "TEXT", nullable: false),
                    ExpectationKind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    ExpectedJson = table.Column<string>(type: "TEXT", nullable: true),
                    ExpectedText = table.Column<string>(type: "TEXT", nullable: true),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TestCases", x => x.Id);
                    table.ForeignKey(
                        name: "FK_TestCases_Templates_TemplateId",
                        column: x => x.TemplateId,
                        principalTable: "Templates",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Runs_BatchId_CaseIndex_SettingIndex",
                table: "Runs",
                columns: new[] { "BatchId", "CaseIndex", "SettingIndex" });

            migrationBuilder.CreateIndex(
                name: "IX_Batches_CreatedAtUtc",
                table: "Batches",
                column: "CreatedAtUtc");

            migrationBuilder.CreateIndex(
                name: "IX_Batches_Status",
                table: "Batches",
                column: "Status");

            migrationBuilder.CreateIndex(
                name: "IX_Batches_TemplateId",
                table: "Batches",
                column: "TemplateId");

            migrationBuilder.CreateIndex(
                name: "IX_TestCases_TemplateId_SetName_Position",
                table: "TestCases",
                columns: new[] { "TemplateId", "SetName", "Position" });

            migrationBuilder.AddForeignKey(
                name: "FK_Runs_Batches_BatchId",
                table: "Runs",
                column: "BatchId",
                principalTable: "Batches",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Runs_Batches_BatchId",
                table: "Runs");

            migrationBuilder.DropTable(
                name: "Batches");

            migrationBuilder.DropTable(
                name: "TestCases");

            migrationBuilder.DropIndex(
                name: "IX_Runs_BatchId_CaseIndex_SettingIndex",
                table: "Runs");

            migrationBuilder.DropColumn(
                name: "BatchId",
                table: "Runs");

            migrationBuilder.DropColumn(
                name: "CaseIndex",
                table: "Runs");

            migrationBuilder.DropColumn(
                name: "ExpectationKind",
                table: "Runs");

            migrationBuilder.DropColumn(
                name: "ExpectationPassed",
                table: "Runs");

            migrationBuilder.DropColumn(
                name: "ExpectationReason",
                table: "Runs");

            migrationBuilder.DropColumn(
                name: "SettingIndex",
                table: "Runs");
        }
    }
}
