using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vigil.Web.Features.Accounts;
using Vigil.Web.Infrastructure.Security;

namespace Vigil.Web.Features.Meetings;

/// <summary>Scheduling a meeting: active members and administrators; anyone else signed in is refused (403).</summary>
[Authorize(Policy = Policies.Interactive)]
public sealed class ScheduleModel(MeetingService meetings, AccountLinks links) : PageModel
{
    public IReadOnlyList<string> Errors { get; private set; } = [];

    public string? Title { get; private set; }

    public string? Start { get; private set; }

    public string Duration { get; private set; } = "60";

    public string? Location { get; private set; }

    public async Task<IActionResult> OnGetAsync() =>
        (await meetings.ViewerAsync(User, HttpContext.RequestAborted))?.MaySchedule == true ? Page() : Forbid();

    // The texts are read from the form, not bound as handler arguments, so that MVC's trace log never holds them.
    public async Task<IActionResult> OnPostAsync()
    {
        var viewer = await meetings.ViewerAsync(User, HttpContext.RequestAborted);
        if (viewer?.MaySchedule != true)
        {
            return Forbid();
        }

        (Title, Start, Duration, Location) = (Field("title"), Field("start"), Field("duration") ?? string.Empty, Field("location"));
        var (meeting, refusal) = await meetings.ScheduleAsync(viewer, Title, Start, Duration, Location, links.BaseUrl(Request), HttpContext.RequestAborted);
        if (refusal is not null)
        {
            Errors = refusal.Errors;
            Response.StatusCode = refusal.Status;
            return Page();
        }

        return Redirect($"/meetings/{meeting!.Id}");
    }

    private string? Field(string name) => Request.HasFormContentType && Request.Form.TryGetValue(name, out var value) ? value.ToString() : null;
}
