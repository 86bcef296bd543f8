using Microsoft.EntityFrameworkCore;

namespace Vigil.Web.Features.Nominations;

/// <summary>Where a nomination stands.</summary>
public enum NominationState
{
    /// <summary>Open for objections until <see cref="NominationRecord.ObjectionsCloseAt"/>.</summary>
    Open,

    /// <summary>The window passed without a standing objection: the nominee's onboarding checklist is open.</summary>
    Onboarding,

    /// <summary>The checklist was completed: the nominee is a member.</summary>
    Completed,

    /// <summary>Withdrawn by the nominator or the nominee, or declined by the nominee.</summary>
    Withdrawn,
}

/// <summary>A nomination of a person (an account, possibly the nominator's own) for membership.</summary>
public sealed class NominationRecord
{
    public long Id { get; set; }

    /// <summary>The account that nominated.</summary>
    public required string NominatorId { get; set; }

    /// <summary>The nominee's account.</summary>
    public required string NomineeId { get; set; }

    /// <summary>The nominee's name, handle and employer as they will appear on the members page.</summary>
    public required string DisplayName { get; set; }

    public required string Handle { get; set; }

    public string? Employer { get; set; }

    /// <summary>Why the nominee should join (plain text, rendered encoded).</summary>
    public required string Statement { get; set; }

    public NominationState State { get; set; }

    public DateTime OpenedAt { get; set; }

    /// <summary>The end of the objection window (<c>OpenedAt</c> + the rules' window); objections after it are refused.</summary>
    public DateTime ObjectionsCloseAt { get; set; }

    /// <summary>When the checklist opened (the window passed with no standing objection).</summary>
    public DateTime? OnboardingAt { get; set; }

    /// <summary>Checklist: the code of conduct accepted by the nominee.</summary>
    public DateTime? CodeOfConductAcceptedAt { get; set; }

    public DateTime? CompletedAt { get; set; }

    public DateTime? WithdrawnAt { get; set; }
}

/// <summary>An objection to a nomination: it blocks the nomination until withdrawn.</summary>
public sealed class NominationObjectionRecord
{
    public long Id { get; set; }

    public long NominationId { get; set; }

    /// <summary>The member who objected.</summary>
    public required string ObjectorId { get; set; }

    /// <summary>The reason (plain text, visible to members only).</summary>
    public required string Reason { get; set; }

    public DateTime RaisedAt { get; set; }

    public DateTime? WithdrawnAt { get; set; }
}

/// <summary>The nominations feature's tables, called from the platform's DbContext.</summary>
internal static class NominationModel
{
    public static void Configure(ModelBuilder builder)
    {
        builder.Entity<NominationRecord>(e =>
        {
            e.ToTable("platform_nominations");
            e.Property(n => n.NominatorId).HasMaxLength(450);
            e.Property(n => n.NomineeId).HasMaxLength(450);
            e.Property(n => n.DisplayName).HasMaxLength(100);
            e.Property(n => n.Handle).HasMaxLength(64);
            e.Property(n => n.Employer).HasMaxLength(100);
            e.Property(n => n.Statement).HasMaxLength(4000);
            e.Property(n => n.State).HasConversion<string>().HasMaxLength(16);
            e.HasIndex(n => new { n.State, n.ObjectionsCloseAt });
            e.HasIndex(n => n.NomineeId);
        });
        builder.Entity<NominationObjectionRecord>(e =>
        {
            e.ToTable("platform_nomination_objections");
            e.Property(o => o.ObjectorId).HasMaxLength(450);
            e.Property(o => o.Reason).HasMaxLength(4000);
            e.HasIndex(o => o.NominationId);
            e.HasOne<NominationRecord>().WithMany().HasForeignKey(o => o.NominationId).OnDelete(DeleteBehavior.Cascade);
        });
    }
}
