using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Vigil.Web.Infrastructure.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Reports : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "platform_audit_head",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false),
                    Sequence = table.Column<long>(type: "INTEGER", nullable: false),
                    Hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_platform_audit_head", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "platform_audit_log",
                columns: table => new
                {
                    Sequence = table.Column<long>(type: "INTEGER", nullable: false),
                    TimeTicks = table.Column<long>(type: "INTEGER", nullable: false),
                    Actor = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    Action = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    Subject = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Detail = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    PreviousHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_platform_audit_log", x => x.Sequence);
                });

            migrationBuilder.CreateTable(
                name: "platform_reports",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ReporterId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    PackageName = table.Column<string>(type: "TEXT", maxLength: 214, nullable: false),
                    AffectedVersions = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    CweId = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    CvssVector = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    CvssScore = table.Column<decimal>(type: "TEXT", precision: 3, scale: 1, nullable: true),
                    TitleSealed = table.Column<byte[]>(type: "BLOB", nullable: false),
                    DescriptionSealed = table.Column<byte[]>(type: "BLOB", nullable: false),
                    ProofOfConceptSealed = table.Column<byte[]>(type: "BLOB", nullable: false),
                    SubmittedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    FirstResponseAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    AcceptedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    PublicationDueAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    FixedVersion = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    DuplicateOf = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    PublishedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    WithdrawnAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Revision = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_platform_reports", x => x.Id);
                    table.ForeignKey(
                        name: "FK_platform_reports_platform_users_ReporterId",
                        column: x => x.ReporterId,
                        principalTable: "platform_users",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "platform_report_attachments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ReportId = table.Column<Guid>(type: "TEXT", nullable: false),
                    UploaderId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    Size = table.Column<long>(type: "INTEGER", nullable: false),
                    NameSealed = table.Column<byte[]>(type: "BLOB", nullable: false),
                    ContentSealed = table.Column<byte[]>(type: "BLOB", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_platform_report_attachments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_platform_report_attachments_platform_reports_ReportId",
                        column: x => x.ReportId,
                        principalTable: "platform_reports",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "platform_report_comments",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ReportId = table.Column<Guid>(type: "TEXT", nullable: false),
                    AuthorId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Internal = table.Column<bool>(type: "INTEGER", nullable: false),
                    BodySealed = table.Column<byte[]>(type: "BLOB", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_platform_report_comments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_platform_report_comments_platform_reports_ReportId",
                        column: x => x.ReportId,
                        principalTable: "platform_reports",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "platform_report_events",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ReportId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Action = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    ActorId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false),
                    FromState = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    ToState = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    ReasonSealed = table.Column<byte[]>(type: "BLOB", nullable: true),
                    Detail = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_platform_report_events", x => x.Id);
                    table.ForeignKey(
                        name: "FK_platform_report_events_platform_reports_ReportId",
                        column: x => x.ReportId,
                        principalTable: "platform_reports",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "platform_report_invitations",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ReportId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Email = table.Column<string>(type: "TEXT", maxLength: 320, nullable: false),
                    TokenHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    InvitedBy = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ExpiresAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UsedAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_platform_report_invitations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_platform_report_invitations_platform_reports_ReportId",
                        column: x => x.ReportId,
                        principalTable: "platform_reports",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "platform_report_participants",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ReportId = table.Column<Guid>(type: "TEXT", nullable: false),
                    UserId = table.Column<string>(type: "TEXT", nullable: false),
                    Role = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    AddedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_platform_report_participants", x => x.Id);
                    table.ForeignKey(
                        name: "FK_platform_report_participants_platform_reports_ReportId",
                        column: x => x.ReportId,
                        principalTable: "platform_reports",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_platform_report_participants_platform_users_UserId",
                        column: x => x.UserId,
                        principalTable: "platform_users",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_platform_audit_log_Subject",
                table: "platform_audit_log",
                column: "Subject");

            migrationBuilder.CreateIndex(
                name: "IX_platform_report_attachments_ReportId",
                table: "platform_report_attachments",
                column: "ReportId");

            migrationBuilder.CreateIndex(
                name: "IX_platform_report_comments_ReportId",
                table: "platform_report_comments",
                column: "ReportId");

            migrationBuilder.CreateIndex(
                name: "IX_platform_report_events_ReportId",
                table: "platform_report_events",
                column: "ReportId");

            migrationBuilder.CreateIndex(
                name: "IX_platform_report_invitations_ReportId",
                table: "platform_report_invitations",
                column: "ReportId");

            migrationBuilder.CreateIndex(
                name: "IX_platform_report_invitations_TokenHash",
                table: "platform_report_invitations",
                column: "TokenHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_platform_report_participants_ReportId_UserId_Role",
                table: "platform_report_participants",
                columns: new[] { "ReportId", "UserId", "Role" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_platform_report_participants_UserId",
                table: "platform_report_participants",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_platform_reports_ReporterId",
                table: "platform_reports",
                column: "ReporterId");

            migrationBuilder.CreateIndex(
                name: "IX_platform_reports_State",
                table: "platform_reports",
                column: "State");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "platform_audit_head");

            migrationBuilder.DropTable(
                name: "platform_audit_log");

            migrationBuilder.DropTable(
                name: "platform_report_attachments");

            migrationBuilder.DropTable(
                name: "platform_report_comments");

            migrationBuilder.DropTable(
                name: "platform_report_events");

            migrationBuilder.DropTable(
                name: "platform_report_invitations");

            migrationBuilder.DropTable(
                name: "platform_report_participants");

            migrationBuilder.DropTable(
                name: "platform_reports");
        }
    }
}
