using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Vigil.Web.Infrastructure.Persistence;

/// <summary>
/// The platform's tables: Identity's, API tokens, recovery codes, sign-in links, the e-mail outbox and the data
/// protection key ring. Every table is named <c>platform_*</c>, so that it never clashes with the advisory tables
/// that share the SQLite file (src/Vigil.Data/Schema).
/// </summary>
/// <remarks>One subclass per provider carries that provider's migrations (<see cref="SqlitePlatformDbContext"/>,
/// <see cref="PostgresPlatformDbContext"/>); the application asks for this base type.</remarks>
public abstract class PlatformDbContext(DbContextOptions options) : IdentityDbContext<PlatformUser>(options), IDataProtectionKeyContext
{
    /// <summary>The migrations history table, named like the other platform tables.</summary>
    public const string MigrationsTable = "platform_migrations";

    public DbSet<ApiToken> ApiTokens => Set<ApiToken>();

    public DbSet<RecoveryCode> RecoveryCodes => Set<RecoveryCode>();

    public DbSet<SignInLink> SignInLinks => Set<SignInLink>();

    public DbSet<OutboxMessage> Outbox => Set<OutboxMessage>();

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<Features.Reports.ReportRecord> Reports => Set<Features.Reports.ReportRecord>();

    public DbSet<Features.Reports.ReportParticipantRecord> ReportParticipants => Set<Features.Reports.ReportParticipantRecord>();

    public DbSet<Features.Reports.ReportEventRecord> ReportEvents => Set<Features.Reports.ReportEventRecord>();

    public DbSet<Features.Reports.ReportCommentRecord> ReportComments => Set<Features.Reports.ReportCommentRecord>();

    public DbSet<Features.Reports.ReportAttachmentRecord> ReportAttachments => Set<Features.Reports.ReportAttachmentRecord>();

    public DbSet<Features.Reports.ReportInvitationRecord> ReportInvitations => Set<Features.Reports.ReportInvitationRecord>();

    public DbSet<Features.Reports.AuditRecord> AuditLog => Set<Features.Reports.AuditRecord>();

    public DbSet<Features.Reports.AuditHeadRecord> AuditHead => Set<Features.Reports.AuditHeadRecord>();

    public DbSet<Features.Deadlines.BallotRecord> Ballots => Set<Features.Deadlines.BallotRecord>();

    public DbSet<Features.Deadlines.BallotVoteRecord> BallotVotes => Set<Features.Deadlines.BallotVoteRecord>();

    public DbSet<Features.Deadlines.DigestRecord> Digests => Set<Features.Deadlines.DigestRecord>();

    public DbSet<Features.Members.GroupMemberRecord> GroupMembers => Set<Features.Members.GroupMemberRecord>();

    public DbSet<Features.Nominations.NominationRecord> Nominations => Set<Features.Nominations.NominationRecord>();

    public DbSet<Features.Nominations.NominationObjectionRecord> NominationObjections => Set<Features.Nominations.NominationObjectionRecord>();

    public DbSet<Features.TriageTeam.TriageMotionRecord> TriageMotions => Set<Features.TriageTeam.TriageMotionRecord>();

    public DbSet<Features.TriageTeam.TriageVoteRecord> TriageVotes => Set<Features.TriageTeam.TriageVoteRecord>();

    public DbSet<Features.Offboarding.ActivityCheckRecord> ActivityChecks => Set<Features.Offboarding.ActivityCheckRecord>();

    public DbSet<Features.Meetings.MeetingRecord> Meetings => Set<Features.Meetings.MeetingRecord>();

    public DbSet<Features.Meetings.AgendaItemRecord> AgendaItems => Set<Features.Meetings.AgendaItemRecord>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        base.OnModelCreating(builder);

        builder.Entity<PlatformUser>().ToTable("platform_users");
        builder.Entity<IdentityRole>().ToTable("platform_roles");
        builder.Entity<IdentityUserRole<string>>().ToTable("platform_user_roles");
        builder.Entity<IdentityUserClaim<string>>().ToTable("platform_user_claims");
        builder.Entity<IdentityUserLogin<string>>().ToTable("platform_user_logins");
        builder.Entity<IdentityUserToken<string>>().ToTable("platform_user_tokens");
        builder.Entity<IdentityRoleClaim<string>>().ToTable("platform_role_claims");
        builder.Entity<DataProtectionKey>().ToTable("platform_data_protection_keys");

        builder.Entity<RecoveryCode>(e =>
        {
            e.ToTable("platform_recovery_codes");
            e.Property(c => c.Hash).HasMaxLength(200);
            e.HasIndex(c => c.UserId);
            e.HasOne<PlatformUser>().WithMany().HasForeignKey(c => c.UserId).OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<ApiToken>(e =>
        {
            e.ToTable("platform_api_tokens");
            e.Property(t => t.Name).HasMaxLength(100);
            e.Property(t => t.Hash).HasMaxLength(64);
            e.Property(t => t.Prefix).HasMaxLength(16);
            e.Property(t => t.Scopes).HasMaxLength(400);
            e.HasIndex(t => t.Hash).IsUnique();
            e.HasIndex(t => t.UserId);
            e.HasOne<PlatformUser>().WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<SignInLink>(e =>
        {
            e.ToTable("platform_sign_in_links");
            e.Property(l => l.Hash).HasMaxLength(64);
            e.HasIndex(l => l.Hash).IsUnique();
            e.HasOne<PlatformUser>().WithMany().HasForeignKey(l => l.UserId).OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<OutboxMessage>(e =>
        {
            e.ToTable("platform_outbox");
            e.Property(m => m.MessageId).HasMaxLength(200);
            e.Property(m => m.To).HasMaxLength(320);
            // Sealed text (base64, longer than the subject): no length limit.
            e.Property(m => m.LastError).HasMaxLength(1000);
            e.HasIndex(m => m.MessageId).IsUnique();
            e.HasIndex(m => new { m.SentAt, m.NextAttemptAt });
        });
        Features.Reports.ReportModel.Configure(builder);
        Features.Maintainers.MaintainerModel.Configure(builder);
        Features.Deadlines.DeadlineModel.Configure(builder);
        Features.AuthorKeys.AuthorKeyModel.Configure(builder);
        Features.Members.MemberModel.Configure(builder);
        Features.Nominations.NominationModel.Configure(builder);
        Features.TriageTeam.TriageModel.Configure(builder);
        Features.Offboarding.OffboardingModel.Configure(builder);
        Features.Meetings.MeetingModel.Configure(builder);
    }
}

/// <summary>The platform's tables on SQLite (the default: the same file as the advisory database).</summary>
public sealed class SqlitePlatformDbContext(DbContextOptions<SqlitePlatformDbContext> options) : PlatformDbContext(options);

/// <summary>The platform's tables on PostgreSQL.</summary>
public sealed class PostgresPlatformDbContext(DbContextOptions<PostgresPlatformDbContext> options) : PlatformDbContext(options);
