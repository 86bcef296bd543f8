using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Vigil.Web.Infrastructure.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ExtensionBallots : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "platform_ballots",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ReportId = table.Column<Guid>(type: "uuid", nullable: false),
                    ProposedBy = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    ReasonSealed = table.Column<byte[]>(type: "bytea", nullable: false),
                    CurrentDue = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ProposedDue = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    OpenedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ClosedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Outcome = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    Revision = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_platform_ballots", x => x.Id);
                    table.ForeignKey(
                        name: "FK_platform_ballots_platform_reports_ReportId",
                        column: x => x.ReportId,
                        principalTable: "platform_reports",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "platform_digests",
                columns: table => new
                {
                    UserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    LastDay = table.Column<DateOnly>(type: "date", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_platform_digests", x => x.UserId);
                    table.ForeignKey(
                        name: "FK_platform_digests_platform_users_UserId",
                        column: x => x.UserId,
                        principalTable: "platform_users",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "platform_ballot_votes",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    BallotId = table.Column<Guid>(type: "uuid", nullable: false),
                    UserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    Yes = table.Column<bool>(type: "boolean", nullable: true),
                    VotedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_platform_ballot_votes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_platform_ballot_votes_platform_ballots_BallotId",
                        column: x => x.BallotId,
                        principalTable: "platform_ballots",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_platform_ballot_votes_platform_users_UserId",
                        column: x => x.UserId,
                        principalTable: "platform_users",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_platform_ballot_votes_BallotId_UserId",
                table: "platform_ballot_votes",
                columns: new[] { "BallotId", "UserId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_platform_ballot_votes_UserId",
                table: "platform_ballot_votes",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_platform_ballots_Outcome",
                table: "platform_ballots",
                column: "Outcome");

            migrationBuilder.CreateIndex(
                name: "IX_platform_ballots_ReportId",
                table: "platform_ballots",
                column: "ReportId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "platform_ballot_votes");

            migrationBuilder.DropTable(
                name: "platform_digests");

            migrationBuilder.DropTable(
                name: "platform_ballots");
        }
    }
}
