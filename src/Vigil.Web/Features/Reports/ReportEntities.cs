using Microsoft.EntityFrameworkCore;
using Vigil.Web.Infrastructure.Persistence;

namespace Vigil.Web.Features.Reports;

/// <summary>
/// A private report as stored. What is sealed (<see cref="Infrastructure.Security.SecretCipher"/>): the title, the
/// description, the proof of concept (and, in their tables, comments, reasons, attachment names and contents) — the
/// words a reporter writes, which carry the vulnerability. What stays clear: the package, the affected range, the CWE,
/// the CVSS vector, the state and the dates — what the triage dashboard sorts and filters by and what publication
/// makes public anyway; the package name alone says that a report exists, not what it is. The title is sealed too:
/// it is often the whole vulnerability in one line, and the dashboard opens it in memory.
/// </summary>
public sealed class ReportRecord
{
    public Guid Id { get; set; }

    public required string ReporterId { get; set; }

    /// <summary>The state as the WG writes it (<c>needs-info</c>…).</summary>
    public required string State { get; set; }

    public required string PackageName { get; set; }

    public required string AffectedVersions { get; set; }

    public required string CweId { get; set; }

    public string? CvssVector { get; set; }

    public decimal? CvssScore { get; set; }

    public required byte[] TitleSealed { get; set; }

    public required byte[] DescriptionSealed { get; set; }

    public required byte[] ProofOfConceptSealed { get; set; }

    public DateTime SubmittedAt { get; set; }

    public DateTime? FirstResponseAt { get; set; }

    public DateTime? AcceptedAt { get; set; }

    public DateTime? PublicationDueAt { get; set; }

    public string? FixedVersion { get; set; }

    public string? DuplicateOf { get; set; }

    public DateTime? PublishedAt { get; set; }

    public DateTime? WithdrawnAt { get; set; }

    /// <summary>Counts changes; two transitions racing on one report cannot both win.</summary>
    public int Revision { get; set; }
}

/// <summary>Someone on a report, in one role (reporter, triager, maintainer). Removing the row removes the access.</summary>
public sealed class ReportParticipantRecord
{
    public long Id { get; set; }

    public Guid ReportId { get; set; }

    public required string UserId { get; set; }

    /// <summary><c>reporter</c>, <c>triager</c> or <c>maintainer</c>.</summary>
    public required string Role { get; set; }

    public DateTime AddedAt { get; set; }
}

/// <summary>A transition in the report's history: who, when, from, to, why (sealed), and the action's value.</summary>
public sealed class ReportEventRecord
{
    public long Id { get; set; }

    public Guid ReportId { get; set; }

    public required string Action { get; set; }

    public required string ActorId { get; set; }

    public DateTime At { get; set; }

    public required string FromState { get; set; }

    public required string ToState { get; set; }

    public byte[]? ReasonSealed { get; set; }

    public string? Detail { get; set; }
}

/// <summary>A message in the report's thread; internal notes are for the triage team only.</summary>
public sealed class ReportCommentRecord
{
    public long Id { get; set; }

    public Guid ReportId { get; set; }

    public required string AuthorId { get; set; }

    public DateTime At { get; set; }

    public bool Internal { get; set; }

    public required byte[] BodySealed { get; set; }
}

/// <summary>A file attached to a report: name and bytes sealed, its kind found by content sniffing.</summary>
public sealed class ReportAttachmentRecord
{
    public Guid Id { get; set; }

    public Guid ReportId { get; set; }

    public required string UploaderId { get; set; }

    public DateTime At { get; set; }

    /// <summary><c>text</c>, <c>png</c>, <c>jpeg</c>, <c>pdf</c> or <c>zip</c>.</summary>
    public required string Kind { get; set; }

    public long Size { get; set; }

    public required byte[] NameSealed { get; set; }

    public required byte[] ContentSealed { get; set; }
}

/// <summary>
/// An invitation of a maintainer to one report: single-use, expiring, bound to the invited address; the link's token
/// is stored only as its SHA-256 hash.
/// </summary>
public sealed class ReportInvitationRecord
{
    public long Id { get; set; }

    public Guid ReportId { get; set; }

    public required string Email { get; set; }

    public required string TokenHash { get; set; }

    public required string InvitedBy { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime ExpiresAt { get; set; }

    public DateTime? UsedAt { get; set; }
}

/// <summary>The report tables' mapping, called from <see cref="PlatformDbContext"/>.</summary>
internal static class ReportModel
{
    public static void Configure(ModelBuilder builder)
    {
        builder.Entity<ReportRecord>(e =>
        {
            e.ToTable("platform_reports");
            e.Property(r => r.ReporterId).HasMaxLength(450);
            e.Property(r => r.State).HasMaxLength(40);
            e.Property(r => r.PackageName).HasMaxLength(214);
            e.Property(r => r.AffectedVersions).HasMaxLength(1000);
            e.Property(r => r.CweId).HasMaxLength(20);
            e.Property(r => r.CvssVector).HasMaxLength(400);
            e.Property(r => r.CvssScore).HasPrecision(3, 1);
            e.Property(r => r.FixedVersion).HasMaxLength(256);
            e.Property(r => r.DuplicateOf).HasMaxLength(200);
            e.Property(r => r.Revision).IsConcurrencyToken();
            e.HasIndex(r => r.ReporterId);
            e.HasIndex(r => r.State);
            e.HasOne<PlatformUser>().WithMany().HasForeignKey(r => r.ReporterId).OnDelete(DeleteBehavior.Restrict);
        });
        builder.Entity<ReportParticipantRecord>(e =>
        {
            e.ToTable("platform_report_participants");
            e.Property(p => p.Role).HasMaxLength(20);
            e.HasIndex(p => new { p.ReportId, p.UserId, p.Role }).IsUnique();
            e.HasIndex(p => p.UserId);
            e.HasOne<ReportRecord>().WithMany().HasForeignKey(p => p.ReportId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<PlatformUser>().WithMany().HasForeignKey(p => p.UserId).OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<ReportEventRecord>(e =>
        {
            e.ToTable("platform_report_events");
            e.Property(v => v.Action).HasMaxLength(40);
            e.Property(v => v.ActorId).HasMaxLength(450);
            e.Property(v => v.FromState).HasMaxLength(40);
            e.Property(v => v.ToState).HasMaxLength(40);
            e.Property(v => v.Detail).HasMaxLength(450);
            e.HasIndex(v => v.ReportId);
            e.HasOne<ReportRecord>().WithMany().HasForeignKey(v => v.ReportId).OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<ReportCommentRecord>(e =>
        {
            e.ToTable("platform_report_comments");
            e.Property(c => c.AuthorId).HasMaxLength(450);
            e.HasIndex(c => c.ReportId);
            e.HasOne<ReportRecord>().WithMany().HasForeignKey(c => c.ReportId).OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<ReportAttachmentRecord>(e =>
        {
            e.ToTable("platform_report_attachments");
            e.Property(a => a.UploaderId).HasMaxLength(450);
            e.Property(a => a.Kind).HasMaxLength(10);
            e.HasIndex(a => a.ReportId);
            e.HasOne<ReportRecord>().WithMany().HasForeignKey(a => a.ReportId).OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<ReportInvitationRecord>(e =>
        {
            e.ToTable("platform_report_invitations");
            e.Property(i => i.Email).HasMaxLength(320);
            e.Property(i => i.TokenHash).HasMaxLength(64);
            e.Property(i => i.InvitedBy).HasMaxLength(450);
            e.HasIndex(i => i.TokenHash).IsUnique();
            // Two uses of one link racing: the second finds UsedAt changed and fails.
            e.Property(i => i.UsedAt).IsConcurrencyToken();
            e.HasOne<ReportRecord>().WithMany().HasForeignKey(i => i.ReportId).OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<AuditRecord>(e =>
        {
            e.ToTable("platform_audit_log");
            e.HasKey(a => a.Sequence);
            e.Property(a => a.Sequence).ValueGeneratedNever();
            e.Property(a => a.Actor).HasMaxLength(450);
            e.Property(a => a.Action).HasMaxLength(60);
            e.Property(a => a.Subject).HasMaxLength(200);
            e.Property(a => a.Detail).HasMaxLength(1000);
            e.Property(a => a.PreviousHash).HasMaxLength(64);
            e.Property(a => a.Hash).HasMaxLength(64);
            e.HasIndex(a => a.Subject);
        });
        builder.Entity<AuditHeadRecord>(e =>
        {
            e.ToTable("platform_audit_head");
            e.Property(h => h.Id).ValueGeneratedNever();
            e.Property(h => h.Hash).HasMaxLength(64);
            e.Property(h => h.Sequence).IsConcurrencyToken();
        });
    }
}

/// <summary>
/// One entry of the append-only audit log (<see cref="Vigil.Disclosure.AuditTrail.AuditEntry"/>). The time is kept
/// as UTC ticks: the hash covers the time to the tick, and PostgreSQL's timestamps keep only microseconds.
/// </summary>
public sealed class AuditRecord
{
    public long Sequence { get; set; }

    public long TimeTicks { get; set; }

    public required string Actor { get; set; }

    public required string Action { get; set; }

    public required string Subject { get; set; }

    public required string Detail { get; set; }

    public required string PreviousHash { get; set; }

    public required string Hash { get; set; }
}

/// <summary>
/// The audit chain's head, one row (id 1): the last sequence and hash, so that entries cut off the end of the log
/// are noticed (AuditVerifier's <c>expectedHead</c>), and so that two writers cannot both append the same sequence.
/// </summary>
public sealed class AuditHeadRecord
{
    public int Id { get; set; }

    public long Sequence { get; set; }

    public required string Hash { get; set; }
}
