using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Workbench.Core.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class OutputSchemas : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Schemas",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    NormalizedName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    LatestVersionNumber = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Schemas", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "SchemaLabelMoves",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SchemaId = table.Column<Guid>(type: "TEXT", nullable: false),
                    LabelName = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    FromVersionNumber = table.Column<int>(type: "INTEGER", nullable: true),
                    ToVersionNumber = table.Column<int>(type: "INTEGER", nullable: true),
                    MovedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    MovedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SchemaLabelMoves", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SchemaLabelMoves_Schemas_SchemaId",
                        column: x => x.SchemaId,
                        principalTable: "Schemas",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SchemaLabels",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    SchemaId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    VersionNumber = table.Column<int>(type: "INTEGER", nullable: false),
                    UpdatedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    UpdatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SchemaLabels", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SchemaLabels_Schemas_SchemaId",
                        column: x => x.SchemaId,
                        principalTable: "Schemas",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SchemaVersions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    SchemaId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Number = table.Column<int>(type: "INTEGER", nullable: false),
                    BaseVersionNumber = table.Column<int>(type: "INTEGER", nullable: true),
                    SchemaJson = table.Column<string>(type: "TEXT", nullable: false),
                    CommitMessage = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    Author = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SchemaVersions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SchemaVersions_Schemas_SchemaId",
                        column: x => x.SchemaId,
                        principalTable: "Schemas",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_SchemaLabelMoves_SchemaId_MovedAtUtc",
                table: "SchemaLabelMoves",
                columns: new[] { "SchemaId", "MovedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_SchemaLabels_SchemaId_Name",
                table: "SchemaLabels",
                columns: new[] { "SchemaId", "Name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Schemas_NormalizedName",
                table: "Schemas",
                column: "NormalizedName",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Schemas_UpdatedAtUtc",
                table: "Schemas",
                column: "UpdatedAtUtc");

            migrationBuilder.CreateIndex(
                name: "IX_SchemaVersions_CreatedAtUtc",
                table: "SchemaVersions",
                column: "CreatedAtUtc");

            migrationBuilder.CreateIndex(
                name: "IX_SchemaVersions_SchemaId_Number",
                table: "SchemaVersions",
                columns: new[] { "SchemaId", "Number" },
                unique: true);

            // Saved schema versions are immutable (ADR-002): refuse any UPDATE, whatever bypasses EF Core.
            migrationBuilder.Sql(
                "CREATE TRIGGER SchemaVersions_Immutable BEFORE UPDATE ON SchemaVersions " +
                "BEGIN SELECT RAISE(ABORT, 'schema versions are immutable'); END;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS SchemaVersions_Immutable;");

            migrationBuilder.DropTable(
                name: "SchemaLabelMoves");

            migrationBuilder.DropTable(
                name: "SchemaLabels");

            migrationBuilder.DropTable(
                name: "SchemaVersions");

            migrationBuilder.DropTable(
                name: "Schemas");
        }
    }
}
