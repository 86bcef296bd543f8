using Microsoft.EntityFrameworkCore;
using Vigil.Governance.Members;

namespace Vigil.Web.Features.Members;

/// <summary>
/// A person's place in the working group, tied to their platform account. Rows are never deleted: leaving, becoming
/// emeritus and coming back are states of the row, and every change is written to the audit log.
/// </summary>
public sealed class GroupMemberRecord
{
    public long Id { get; set; }

    /// <summary>The platform account (one membership row per account).</summary>
    public required string UserId { get; set; }

    /// <summary>The name shown on the public members page.</summary>
    public required string DisplayName { get; set; }

    /// <summary>The public handle (for example a GitHub login), shown on the members page.</summary>
    public required string Handle { get; set; }

    /// <summary>The employer as the member gives it; blank for none. Counts for the employer cap while active.</summary>
    public string? Employer { get; set; }

    public MemberStatus Status { get; set; }

    /// <summary>Whether the member is on the triage team (decided by a WG vote); the triager role follows it.</summary>
    public bool TriageTeam { get; set; }

    /// <summary>When the triage-team member accepted the privacy rules (the NDA); the triager role needs it.</summary>
    public DateTime? PrivacyAcceptedAt { get; set; }

    /// <summary>When the code of conduct was accepted (onboarding).</summary>
    public DateTime? CodeOfConductAcceptedAt { get; set; }

    public DateTime JoinedAt { get; set; }

    /// <summary>When the member last became emeritus; a return without a new nomination is possible until the grace period ends.</summary>
    public DateTime? EmeritusSince { get; set; }

    public DateTime? LeftAt { get; set; }

    /// <summary>The nomination that brought the member in, if any (the first members are added by an administrator).</summary>
    public long? NominationId { get; set; }
}

/// <summary>The members feature's tables, called from the platform's DbContext.</summary>
internal static class MemberModel
{
    public static void Configure(ModelBuilder builder)
    {
        builder.Entity<GroupMemberRecord>(e =>
        {
            e.ToTable("platform_group_members");
            e.Property(m => m.UserId).HasMaxLength(450);
            e.Property(m => m.DisplayName).HasMaxLength(100);
            e.Property(m => m.Handle).HasMaxLength(64);
            e.Property(m => m.Employer).HasMaxLength(100);
            e.Property(m => m.Status).HasConversion<string>().HasMaxLength(16);
            e.HasIndex(m => m.UserId).IsUnique();
            e.HasIndex(m => m.Status);
            e.HasOne<Infrastructure.Persistence.PlatformUser>().WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Restrict);
        });
    }
}
