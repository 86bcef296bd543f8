using Microsoft.EntityFrameworkCore;

namespace Vigil.Web.Features.Meetings;

/// <summary>A scheduled meeting of the group: announced by e-mail, listed in the iCalendar feed, minutes published afterwards.</summary>
public sealed class MeetingRecord
{
    public long Id { get; set; }

    /// <summary>The iCalendar UID (stable across updates of the event).</summary>
    public required string Uid { get; set; }

    public required string Title { get; set; }

    public DateTime StartsAt { get; set; }

    public int DurationMinutes { get; set; }

    /// <summary>Where (a URL for a call, or a place); plain text, encoded when shown.</summary>
    public string? Location { get; set; }

    public required string CreatedBy { get; set; }

    public DateTime CreatedAt { get; set; }

    /// <summary>Bumped on every change, for the iCalendar SEQUENCE.</summary>
    public int Sequence { get; set; }

    public DateTime? AnnouncedAt { get; set; }

    public DateTime? CancelledAt { get; set; }

    /// <summary>The minutes (Markdown, rendered sanitized) once published.</summary>
    public string? Minutes { get; set; }

    public DateTime? MinutesPublishedAt { get; set; }
}

/// <summary>An agenda item a group member added to a meeting.</summary>
public sealed class AgendaItemRecord
{
    public long Id { get; set; }

    public long MeetingId { get; set; }

    public required string AuthorId { get; set; }

    public required string Title { get; set; }

    /// <summary>Optional details (plain text, encoded when shown).</summary>
    public string? Details { get; set; }

    public DateTime AddedAt { get; set; }
}

/// <summary>The meetings feature's tables, called from the platform's DbContext.</summary>
internal static class MeetingModel
{
    public static void Configure(ModelBuilder builder)
    {
        builder.Entity<MeetingRecord>(e =>
        {
            e.ToTable("platform_meetings");
            e.Property(m => m.Uid).HasMaxLength(100);
            e.Property(m => m.Title).HasMaxLength(200);
            e.Property(m => m.Location).HasMaxLength(500);
            e.Property(m => m.CreatedBy).HasMaxLength(450);
            e.Property(m => m.Minutes).HasMaxLength(100_000);
            e.HasIndex(m => m.Uid).IsUnique();
            e.HasIndex(m => m.StartsAt);
        });
        builder.Entity<AgendaItemRecord>(e =>
        {
            e.ToTable("platform_agenda_items");
            e.Property(a => a.AuthorId).HasMaxLength(450);
            e.Property(a => a.Title).HasMaxLength(200);
            e.Property(a => a.Details).HasMaxLength(4000);
            e.HasIndex(a => a.MeetingId);
            e.HasOne<MeetingRecord>().WithMany().HasForeignKey(a => a.MeetingId).OnDelete(DeleteBehavior.Cascade);
        });
    }
}
