using Microsoft.EntityFrameworkCore;

namespace Vigil.Web.Features.Offboarding;

/// <summary>
/// One member's activity check in one cycle: asked, perhaps reminded, then confirmed or moved to emeritus (and perhaps
/// returned within the grace period). The cycle's start identifies the cycle, so a check is never asked twice.
/// </summary>
public sealed class ActivityCheckRecord
{
    public long Id { get; set; }

    public long MemberId { get; set; }

    /// <summary>The start of the cycle this check belongs to.</summary>
    public DateTime CycleStartedAt { get; set; }

    public DateTime AskedAt { get; set; }

    /// <summary>Hex SHA-256 of the one-time confirmation token mailed to the member (the link works without signing in).</summary>
    public required string TokenHash { get; set; }

    public DateTime? RemindedAt { get; set; }

    public DateTime? ConfirmedAt { get; set; }

    public DateTime? EmeritusAt { get; set; }

    public DateTime? ReturnedAt { get; set; }
}

/// <summary>The offboarding feature's tables, called from the platform's DbContext.</summary>
internal static class OffboardingModel
{
    public static void Configure(ModelBuilder builder)
    {
        builder.Entity<ActivityCheckRecord>(e =>
        {
            e.ToTable("platform_activity_checks");
            e.Property(c => c.TokenHash).HasMaxLength(64);
            e.HasIndex(c => new { c.MemberId, c.CycleStartedAt }).IsUnique();
            e.HasIndex(c => c.TokenHash).IsUnique();
            e.HasOne<Members.GroupMemberRecord>().WithMany().HasForeignKey(c => c.MemberId).OnDelete(DeleteBehavior.Restrict);
        });
    }
}
