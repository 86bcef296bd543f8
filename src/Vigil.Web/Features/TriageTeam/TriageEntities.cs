using Microsoft.EntityFrameworkCore;

namespace Vigil.Web.Features.TriageTeam;

/// <summary>What a triage-team motion would change.</summary>
public enum TriageChange
{
    /// <summary>Put a member on the triage team.</summary>
    Add,

    /// <summary>Take a member off the triage team.</summary>
    Remove,
}

/// <summary>A WG vote on a triage-team change: it carries with a majority of the active members (recorded electorate).</summary>
public sealed class TriageMotionRecord
{
    public long Id { get; set; }

    /// <summary>The group member the motion is about.</summary>
    public long MemberId { get; set; }

    public TriageChange Change { get; set; }

    public required string ProposedBy { get; set; }

    public DateTime OpenedAt { get; set; }

    /// <summary>The number of active members when the motion opened: a majority of it carries the motion.</summary>
    public int Electorate { get; set; }

    /// <summary>When the motion carried or failed; null while open.</summary>
    public DateTime? DecidedAt { get; set; }

    /// <summary>Whether it carried (null while open).</summary>
    public bool? Carried { get; set; }
}

/// <summary>One member's vote on a triage-team motion (one per member; a later vote replaces an earlier one while open).</summary>
public sealed class TriageVoteRecord
{
    public long Id { get; set; }

    public long MotionId { get; set; }

    public required string VoterId { get; set; }

    public bool InFavour { get; set; }

    public DateTime CastAt { get; set; }
}

/// <summary>The triage team feature's tables, called from the platform's DbContext.</summary>
internal static class TriageModel
{
    public static void Configure(ModelBuilder builder)
    {
        builder.Entity<TriageMotionRecord>(e =>
        {
            e.ToTable("platform_triage_motions");
            e.Property(m => m.ProposedBy).HasMaxLength(450);
            e.Property(m => m.Change).HasConversion<string>().HasMaxLength(16);
            e.HasIndex(m => m.MemberId);
            e.HasOne<Members.GroupMemberRecord>().WithMany().HasForeignKey(m => m.MemberId).OnDelete(DeleteBehavior.Restrict);
        });
        builder.Entity<TriageVoteRecord>(e =>
        {
            e.ToTable("platform_triage_votes");
            e.Property(v => v.VoterId).HasMaxLength(450);
            e.HasIndex(v => new { v.MotionId, v.VoterId }).IsUnique();
            e.HasOne<TriageMotionRecord>().WithMany().HasForeignKey(v => v.MotionId).OnDelete(DeleteBehavior.Cascade);
        });
    }
}
