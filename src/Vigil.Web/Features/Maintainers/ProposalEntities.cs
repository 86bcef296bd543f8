using Microsoft.EntityFrameworkCore;
using Vigil.Web.Features.Reports;

namespace Vigil.Web.Features.Maintainers;

/// <summary>
/// A fix proposed on a report by one of its maintainers or a triager: the version that will carry the fix and the
/// planned release date, flagged when the date falls after the publication deadline. Kept clear: a version and a date
/// say nothing of the vulnerability, and the fixed version is public once fixed.
/// </summary>
public sealed class ReportProposalRecord
{
    public long Id { get; set; }

    public Guid ReportId { get; set; }

    public required string AuthorId { get; set; }

    public DateTime At { get; set; }

    public required string FixedVersion { get; set; }

    public DateOnly? ReleaseDate { get; set; }

    /// <summary>The release date is after the report's publication deadline (as it stood when proposed).</summary>
    public bool AfterDeadline { get; set; }
}

/// <summary>The maintainers feature's table, called from the platform's DbContext.</summary>
internal static class MaintainerModel
{
    public static void Configure(ModelBuilder builder) => builder.Entity<ReportProposalRecord>(e =>
    {
        e.ToTable("platform_report_proposals");
        e.Property(p => p.AuthorId).HasMaxLength(450);
        e.Property(p => p.FixedVersion).HasMaxLength(256);
        e.HasIndex(p => p.ReportId);
        e.HasOne<ReportRecord>().WithMany().HasForeignKey(p => p.ReportId).OnDelete(DeleteBehavior.Cascade);
    });
}
