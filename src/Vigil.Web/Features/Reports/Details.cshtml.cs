using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vigil.Disclosure.Workflow;
using Vigil.Web.Features.Maintainers;
using Vigil.Web.Infrastructure.Security;

namespace Vigil.Web.Features.Reports;

/// <summary>
/// One report: its texts (sanitized Markdown), history, thread, and the actions the workflow allows this viewer.
/// Transitions post to <c>/reports/{id}/transition</c>, comments to <c>/reports/{id}/comment</c>. A report the viewer
/// may not see answers 404 on every route, as if it did not exist.
/// </summary>
[Authorize(Policy = Policies.Interactive)]
public sealed class DetailsModel(ReportService reports, ProposalService proposals, TimeProvider time) : PageModel
{
    public ReportView View { get; private set; } = null!;

    public Viewer Viewer { get; private set; } = null!;

    public IReadOnlyList<ReportAction> Actions { get; private set; } = [];

    public bool SeesInternal { get; private set; }

    public bool IsTriageView { get; private set; }

    public string? Error { get; private set; }

    /// <summary>The fixes proposed so far, oldest first.</summary>
    public IReadOnlyList<ProposalView> Proposals { get; private set; } = [];

    /// <summary>Whether this viewer can propose a fix now (a maintainer on the report or the triage team, report open).</summary>
    public bool CanPropose { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, string? handler)
    {
        // Only /reports/{id} is a page to read; /reports/{id}/transition and /comment take posts.
        return !string.IsNullOrEmpty(handler) ? NotFound() : await ShowAsync(id);
    }

    /// <summary>A post to <c>/reports/{id}</c> or to an unknown <c>/reports/{id}/x</c>: nothing to do there.</summary>
    public IActionResult OnPost() => NotFound();

    // The posted texts are read from the form, not bound as handler arguments: MVC logs handler arguments at trace
    // level, and a reason or a comment is report content that must never reach a log.
    public async Task<IActionResult> OnPostTransitionAsync(Guid id)
    {
        string? action = Field("action");
        string? reason = Field("reason");
        string? duplicateOf = Field("duplicateOf");
        string? fixedVersion = Field("fixedVersion");
        var viewer = await reports.ViewerAsync(User);
        if (viewer is null || await reports.FindVisibleAsync(id, viewer, HttpContext.RequestAborted) is null)
        {
            return NotFound();
        }

        if (string.IsNullOrEmpty(action) || !Enum.TryParse<ReportAction>(action, ignoreCase: false, out var parsed) || !Enum.IsDefined(parsed) || int.TryParse(action, out _))
        {
            return await ShowAsync(id, "That is not an action a report can take.");
        }

        var error = await reports.TransitionAsync(id, viewer, new TransitionRequest(parsed) { Reason = reason, DuplicateOf = duplicateOf, FixedVersion = fixedVersion }, HttpContext.RequestAborted);
        return error is null ? Redirect($"/reports/{id}") : await ShowAsync(id, error.ToString());
    }

    public async Task<IActionResult> OnPostCommentAsync(Guid id)
    {
        string? body = Field("body");
        bool isInternal = string.Equals(Field("isInternal"), "true", StringComparison.OrdinalIgnoreCase);
        var viewer = await reports.ViewerAsync(User);
        if (viewer is null || await reports.FindVisibleAsync(id, viewer, HttpContext.RequestAborted) is null)
        {
            return NotFound();
        }

        var error = await reports.CommentAsync(id, viewer, body, isInternal, HttpContext.RequestAborted);
        return error is null ? Redirect($"/reports/{id}#thread") : await ShowAsync(id, error.ToString());
    }

    public async Task<IActionResult> OnPostInviteAsync(Guid id)
    {
        var viewer = await reports.ViewerAsync(User);
        if (viewer is null || await reports.FindVisibleAsync(id, viewer, HttpContext.RequestAborted) is null)
        {
            return NotFound();
        }

        var error = await reports.InviteAsync(id, viewer, Field("email"), HttpContext.RequestAborted);
        return error is null ? Redirect($"/reports/{id}") : await ShowAsync(id, error.ToString());
    }

    public async Task<IActionResult> OnPostRemoveAsync(Guid id)
    {
        var viewer = await reports.ViewerAsync(User);
        if (viewer is null || await reports.FindVisibleAsync(id, viewer, HttpContext.RequestAborted) is null)
        {
            return NotFound();
        }

        var error = long.TryParse(Field("participant"), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out long participant)
            ? await reports.RemoveParticipantAsync(id, viewer, participant, HttpContext.RequestAborted)
            : new Disclosure.Reports.FieldError("participant", "is required");
        return error is null ? Redirect($"/reports/{id}") : await ShowAsync(id, error.ToString());
    }

    private string? Field(string name) => Request.HasFormContentType && Request.Form.TryGetValue(name, out var value) ? value.ToString() : null;

    private async Task<IActionResult> ShowAsync(Guid id, string? error = null)
    {
        var viewer = await reports.ViewerAsync(User);
        var view = viewer is null ? null : await reports.ReadAsync(id, viewer, HttpContext.RequestAborted);
        if (view is null)
        {
            return NotFound();
        }

        Viewer = viewer!;
        View = view;
        Actions = ReportWorkflow.Available(view.Report, viewer!.Actor, time.GetUtcNow());
        SeesInternal = ReportService.CanSeeInternal(viewer, view.Record);
        IsTriageView = viewer.IsTriager && !string.Equals(view.Record.ReporterId, viewer.UserId, StringComparison.Ordinal);
        Proposals = await proposals.ListAsync(id, HttpContext.RequestAborted);
        CanPropose = ProposalService.OpenStates.Contains(view.Report.State) && ProposalService.MayPropose(viewer, view.Record, view.Participants);
        Error = error;
        if (error is not null)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }

        return Page();
    }

    /// <summary>
    /// A person's name on the page. Account names are e-mail addresses: the reporter's is shown only to the reporter
    /// and the triage team, never to an invited maintainer.
    /// </summary>
    public string NameOf(string userId)
    {
        if (string.Equals(userId, View.Record.ReporterId, StringComparison.Ordinal) && !string.Equals(userId, Viewer.UserId, StringComparison.Ordinal)
            && !Viewer.IsTriager && !Viewer.IsAdministrator)
        {
            return "the reporter";
        }

        return View.Names.TryGetValue(userId, out string? name) ? name : userId == Actor.ClockId ? "Vigil" : "(removed account)";
    }

    /// <summary>What the button of an action says.</summary>
    public static string Label(ReportAction action) => action switch
    {
        ReportAction.RequestInfo => "Ask the reporter for more information",
        ReportAction.ProvideInfo => "I have answered: back to triage",
        ReportAction.Reject => "Reject",
        ReportAction.MarkDuplicate => "Mark as duplicate",
        ReportAction.Accept => "Accept",
        ReportAction.ContactMaintainer => "Maintainers contacted",
        ReportAction.StartFix => "Fix in progress",
        ReportAction.MarkFixed => "Mark fixed",
        ReportAction.Publish => "Publish",
        ReportAction.PublishAtDeadline => "Publish at the deadline without a fix",
        ReportAction.Withdraw => "Withdraw the advisory",
        _ => action.ToString(),
    };

    /// <summary>What an action needs besides the click.</summary>
    public static Requirements Needs(ReportAction action) => TransitionTable.Of(action).Needs;
}
