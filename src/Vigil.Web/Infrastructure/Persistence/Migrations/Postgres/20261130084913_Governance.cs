using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Vigil.Web.Infrastructure.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Governance : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "platform_group_members",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    UserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    DisplayName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Handle = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Employer = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    TriageTeam = table.Column<bool>(type: "boolean", nullable: false),
                    PrivacyAcceptedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    CodeOfConductAcceptedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    JoinedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    EmeritusSince = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    LeftAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    NominationId = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_platform_group_members", x => x.Id);
                    table.ForeignKey(
                        name: "FK_platform_group_members_platform_users_UserId",
                        column: x => x.UserId,
                        principalTable: "platform_users",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "platform_meetings",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Uid = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    StartsAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    DurationMinutes = table.Column<int>(type: "integer", nullable: false),
                    Location = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    CreatedBy = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Sequence = table.Column<int>(type: "integer", nullable: false),
                    AnnouncedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    CancelledAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Minutes = table.Column<string>(type: "character varying(100000)", maxLength: 100000, nullable: true),
                    MinutesPublishedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_platform_meetings", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "platform_nominations",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    NominatorId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    NomineeId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    DisplayName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Handle = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Employer = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    Statement = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    State = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    OpenedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ObjectionsCloseAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    OnboardingAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    CodeOfConductAcceptedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    CompletedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    WithdrawnAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_platform_nominations", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "platform_activity_checks",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    MemberId = table.Column<long>(type: "bigint", nullable: false),
                    CycleStartedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    AskedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    TokenHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    RemindedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ConfirmedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    EmeritusAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ReturnedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_platform_activity_checks", x => x.Id);
                    table.ForeignKey(
                        name: "FK_platform_activity_checks_platform_group_members_MemberId",
                        column: x => x.MemberId,
                        principalTable: "platform_group_members",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "platform_triage_motions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    MemberId = table.Column<long>(type: "bigint", nullable: false),
                    Change = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    ProposedBy = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    OpenedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Electorate = table.Column<int>(type: "integer", nullable: false),
                    DecidedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Carried = table.Column<bool>(type: "boolean", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_platform_triage_motions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_platform_triage_motions_platform_group_members_MemberId",
                        column: x => x.MemberId,
                        principalTable: "platform_group_members",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "platform_agenda_items",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    MeetingId = table.Column<long>(type: "bigint", nullable: false),
                    AuthorId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Details = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    AddedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_platform_agenda_items", x => x.Id);
                    table.ForeignKey(
                        name: "FK_platform_agenda_items_platform_meetings_MeetingId",
                        column: x => x.MeetingId,
                        principalTable: "platform_meetings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "platform_nomination_objections",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    NominationId = table.Column<long>(type: "bigint", nullable: false),
                    ObjectorId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    Reason = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    RaisedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    WithdrawnAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_platform_nomination_objections", x => x.Id);
                    table.ForeignKey(
                        name: "FK_platform_nomination_objections_platform_nominations_Nominat~",
                        column: x => x.NominationId,
                        principalTable: "platform_nominations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "platform_triage_votes",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    MotionId = table.Column<long>(type: "bigint", nullable: false),
                    VoterId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    InFavour = table.Column<bool>(type: "boolean", nullable: false),
                    CastAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_platform_triage_votes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_platform_triage_votes_platform_triage_motions_MotionId",
                        column: x => x.MotionId,
                        principalTable: "platform_triage_motions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_platform_activity_checks_MemberId_CycleStartedAt",
                table: "platform_activity_checks",
                columns: new[] { "MemberId", "CycleStartedAt" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_platform_activity_checks_TokenHash",
                table: "platform_activity_checks",
                column: "TokenHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_platform_agenda_items_MeetingId",
                table: "platform_agenda_items",
                column: "MeetingId");

            migrationBuilder.CreateIndex(
                name: "IX_platform_group_members_Status",
                table: "platform_group_members",
                column: "Status");

            migrationBuilder.CreateIndex(
                name: "IX_platform_group_members_UserId",
                table: "platform_group_members",
                column: "UserId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_platform_meetings_StartsAt",
                table: "platform_meetings",
                column: "StartsAt");

            migrationBuilder.CreateIndex(
                name: "IX_platform_meetings_Uid",
                table: "platform_meetings",
                column: "Uid",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_platform_nomination_objections_NominationId",
                table: "platform_nomination_objections",
                column: "NominationId");

            migrationBuilder.CreateIndex(
                name: "IX_platform_nominations_NomineeId",
                table: "platform_nominations",
                column: "NomineeId");

            migrationBuilder.CreateIndex(
                name: "IX_platform_nominations_State_ObjectionsCloseAt",
                table: "platform_nominations",
                columns: new[] { "State", "ObjectionsCloseAt" });

            migrationBuilder.CreateIndex(
                name: "IX_platform_triage_motions_MemberId",
                table: "platform_triage_motions",
                column: "MemberId");

            migrationBuilder.CreateIndex(
                name: "IX_platform_triage_votes_MotionId_VoterId",
                table: "platform_triage_votes",
                columns: new[] { "MotionId", "VoterId" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "platform_activity_checks");

            migrationBuilder.DropTable(
                name: "platform_agenda_items");

            migrationBuilder.DropTable(
                name: "platform_nomination_objections");

            migrationBuilder.DropTable(
                name: "platform_triage_votes");

            migrationBuilder.DropTable(
                name: "platform_meetings");

            migrationBuilder.DropTable(
                name: "platform_nominations");

            migrationBuilder.DropTable(
                name: "platform_triage_motions");

            migrationBuilder.DropTable(
                name: "platform_group_members");
        }
    }
}
