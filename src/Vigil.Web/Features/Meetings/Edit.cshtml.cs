using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vigil.Governance.Meetings;
using Vigil.Web.Features.Accounts;
using Vigil.Web.Infrastructure.Security;

namespace Vigil.Web.Features.Meetings;

/// <summary>
/// The members' changes to a meeting: <c>/meetings/{id}/edit</c> (change the schedule; <c>…/cancel</c>) for active
/// members and administrators, <c>…/agenda</c> and <c>…/minutes</c> for active members. Anyone else signed in is
/// refused (403) before the meeting is looked up; an unknown meeting is 404. Success goes back to the meeting's page.
/// </summary>
[Authorize(Policy = Policies.Interactive)]
public sealed class EditModel(MeetingService meetings, AccountLinks links, TimeProvider time) : PageModel
{
    public MeetingRecord? Meeting { get; private set; }

    public IReadOnlyList<string> Errors { get; private set; } = [];

    public bool MayChange { get; private set; }

    public string? Title { get; private set; }

    public string? Start { get; private set; }

    public string Duration { get; private set; } = string.Empty;

    public string? Location { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id)
    {
        var viewer = await meetings.ViewerAsync(User, HttpContext.RequestAborted);
        if (viewer?.MaySchedule != true)
        {
            return Forbid();
        }

        return await ShowAsync(id, fromForm: false) ? Page() : NotFound();
    }

    public Task<IActionResult> OnPostAsync(long id) => ChangeAsync(id, scheduler: true, viewer =>
        meetings.UpdateAsync(viewer, id, Field("sequence"), Field("title"), Field("start"), Field("duration"), Field("location"), links.BaseUrl(Request), HttpContext.RequestAborted));

    public Task<IActionResult> OnPostCancelAsync(long id) => ChangeAsync(id, scheduler: true, viewer =>
        meetings.CancelAsync(viewer, id, Field("sequence"), links.BaseUrl(Request), HttpContext.RequestAborted));

    public Task<IActionResult> OnPostAgendaAsync(long id) => ChangeAsync(id, scheduler: false, viewer =>
        meetings.AddAgendaItemAsync(viewer, id, Field("title"), Field("details"), HttpContext.RequestAborted));

    public Task<IActionResult> OnPostMinutesAsync(long id) => ChangeAsync(id, scheduler: false, viewer =>
        meetings.PublishMinutesAsync(viewer, id, Field("minutes"), HttpContext.RequestAborted));

    private async Task<IActionResult> ChangeAsync(long id, bool scheduler, Func<MeetingViewer, Task<MeetingRefusal?>> change)
    {
        var viewer = await meetings.ViewerAsync(User, HttpContext.RequestAborted);
        if (viewer is null || !(scheduler ? viewer.MaySchedule : viewer.IsMember))
        {
            return Forbid();
        }

        MeetingRefusal? refusal;
        try
        {
            refusal = await change(viewer);
        }
        catch (KeyNotFoundException)
        {
            return NotFound();
        }

        if (refusal is null)
        {
            return Redirect($"/meetings/{id}");
        }

        Errors = refusal.Errors;
        Response.StatusCode = refusal.Status;
        await ShowAsync(id, fromForm: scheduler && Request.Form.ContainsKey("title"));
        return Page();
    }

    private async Task<bool> ShowAsync(long id, bool fromForm)
    {
        if (await meetings.FindAsync(id, HttpContext.RequestAborted) is not { } found)
        {
            return false;
        }

        Meeting = found.Meeting;
        MayChange = MeetingTimes.MayChange(MeetingService.Utc(Meeting.StartsAt), Meeting.CancelledAt is not null, time.GetUtcNow());
        (Title, Start, Duration, Location) = fromForm
            ? (Field("title"), Field("start"), Field("duration") ?? string.Empty, Field("location"))
            : (Meeting.Title, Meeting.StartsAt.ToString(MeetingDraft.StartFormat, CultureInfo.InvariantCulture), Meeting.DurationMinutes.ToString(CultureInfo.InvariantCulture), Meeting.Location);
        return true;
    }

    private string? Field(string name) => Request.HasFormContentType && Request.Form.TryGetValue(name, out var value) ? value.ToString() : null;
}
