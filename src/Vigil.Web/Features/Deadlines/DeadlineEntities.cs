using Microsoft.EntityFrameworkCore;
using Vigil.Web.Features.Reports;
using Vigil.Web.Infrastructure.Persistence;

namespace Vigil.Web.Features.Deadlines;

/// <summary>
/// An extension ballot on one report's publication deadline (<see cref="Vigil.Disclosure.Ballots.ExtensionBallot"/>).
/// The reason is report content and is sealed like the report's other texts.
/// </summary>
public sealed class BallotRecord
{
    public Guid Id { get; set; }

    public Guid ReportId { get; set; }

    public required string ProposedBy { get; set; }

    public required byte[] ReasonSealed { get; set; }

    /// <summary>The publication deadline when the ballot opened.</summary>
    public DateTime CurrentDue { get; set; }

    /// <summary>The deadline if it passes.</summary>
    public DateTime ProposedDue { get; set; }

    public DateTime OpenedAt { get; set; }

    public DateTime? ClosedAt { get; set; }

    /// <summary><c>open</c>, <c>passed</c> or <c>failed</c>.</summary>
    public required string Outcome { get; set; }

    /// <summary>Counts changes: two votes racing on one ballot cannot both decide it.</summary>
    public int Revision { get; set; }
}

/// <summary>One eligible voter of a ballot (fixed when it opens) and their vote: null until they vote.</summary>
public sealed class BallotVoteRecord
{
    public long Id { get; set; }

    public Guid BallotId { get; set; }

    public required string UserId { get; set; }

    public bool? Yes { get; set; }

    public DateTime? VotedAt { get; set; }
}

/// <summary>
/// The last day a triager's daily digest went out. Claimed by one conditional UPDATE in the same transaction as the
/// digest's e-mail, so that any number of server instances send it once a day.
/// </summary>
public sealed class DigestRecord
{
    public required string UserId { get; set; }

    public DateOnly? LastDay { get; set; }
}

/// <summary>The deadline tables' mapping, called from <see cref="PlatformDbContext"/>.</summary>
internal static class DeadlineModel
{
    public static void Configure(ModelBuilder builder)
    {
        builder.Entity<BallotRecord>(e =>
        {
            e.ToTable("platform_ballots");
            e.Property(b => b.ProposedBy).HasMaxLength(450);
            e.Property(b => b.Outcome).HasMaxLength(10);
            e.Property(b => b.Revision).IsConcurrencyToken();
            e.HasIndex(b => b.ReportId);
            e.HasIndex(b => b.Outcome);
            e.HasOne<ReportRecord>().WithMany().HasForeignKey(b => b.ReportId).OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<BallotVoteRecord>(e =>
        {
            e.ToTable("platform_ballot_votes");
            e.Property(v => v.UserId).HasMaxLength(450);
            e.HasIndex(v => new { v.BallotId, v.UserId }).IsUnique();
            e.HasOne<BallotRecord>().WithMany().HasForeignKey(v => v.BallotId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<PlatformUser>().WithMany().HasForeignKey(v => v.UserId).OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<DigestRecord>(e =>
        {
            e.ToTable("platform_digests");
            e.HasKey(d => d.UserId);
            e.Property(d => d.UserId).HasMaxLength(450);
            e.HasOne<PlatformUser>().WithMany().HasForeignKey(d => d.UserId).OnDelete(DeleteBehavior.Cascade);
        });
    }
}
