using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vigil.Governance.Meetings;

namespace Vigil.Web.Features.Meetings;

/// <summary>
/// One meeting, public: its time, place, agenda and minutes (Markdown, rendered sanitized). Members see the forms to
/// add an agenda item and publish the minutes; they post to <c>/meetings/{id}/edit/…</c>, which checks again.
/// </summary>
[AllowAnonymous]
public sealed class MeetingPageModel(MeetingService meetings, TimeProvider time) : PageModel
{
    public MeetingRecord Meeting { get; private set; } = null!;

    public IReadOnlyList<AgendaEntry> Agenda { get; private set; } = [];

    public MeetingViewer? Viewer { get; private set; }

    public bool TakesAgendaItems { get; private set; }

    public bool TakesMinutes { get; private set; }

    public bool MayChange { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id)
    {
        if (await meetings.FindAsync(id, HttpContext.RequestAborted) is not { } found)
        {
            return NotFound();
        }

        (Meeting, Agenda) = found;
        Viewer = await meetings.ViewerAsync(User, HttpContext.RequestAborted);
        var now = time.GetUtcNow();
        var start = MeetingService.Utc(Meeting.StartsAt);
        bool cancelled = Meeting.CancelledAt is not null;
        TakesAgendaItems = Viewer?.IsMember == true && MeetingTimes.TakesAgendaItems(start, cancelled, now);
        TakesMinutes = Viewer?.IsMember == true && MeetingTimes.TakesMinutes(start, Meeting.DurationMinutes, cancelled, now);
        MayChange = Viewer?.MaySchedule == true && MeetingTimes.MayChange(start, cancelled, now);
        return Page();
    }
}
