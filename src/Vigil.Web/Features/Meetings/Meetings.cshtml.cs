using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Vigil.Web.Features.Meetings;

/// <summary>The public list of the group's meetings: those to come (cancelled ones marked) and past ones with their minutes.</summary>
[AllowAnonymous]
public sealed class MeetingsModel(MeetingService meetings) : PageModel
{
    public IReadOnlyList<MeetingRecord> Upcoming { get; private set; } = [];

    public IReadOnlyList<MeetingRecord> Past { get; private set; } = [];

    /// <summary>Whether the viewer may schedule a meeting (an active member or an administrator).</summary>
    public bool MaySchedule { get; private set; }

    public async Task OnGetAsync()
    {
        (Upcoming, Past) = await meetings.ListAsync(HttpContext.RequestAborted);
        MaySchedule = (await meetings.ViewerAsync(User, HttpContext.RequestAborted))?.MaySchedule == true;
    }
}
