using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vigil.Web.Features.Reports;
using Vigil.Web.Infrastructure.Security;

namespace Vigil.Web.Features.Deadlines;

/// <summary>
/// The report page's ballot forms post here: <c>/reports/{id}/ballots/open</c> and <c>/reports/{id}/ballots/vote</c>.
/// Success goes back to the report; a refusal shows its reason with a link back. A report the viewer may not see
/// answers 404, as on every report route.
/// </summary>
[Authorize(Policy = Policies.Interactive)]
public sealed class BallotModel(ReportService reports, BallotService ballots) : PageModel
{
    public Guid ReportId { get; private set; }

    public string? Error { get; private set; }

    /// <summary>Nothing to read here: the ballots are on the report page.</summary>
    public IActionResult OnGet() => NotFound();

    /// <summary>A post without a known handler.</summary>
    public IActionResult OnPost() => NotFound();

    // The texts are read from the form, not bound as handler arguments, so that MVC's trace log never holds them.
    public async Task<IActionResult> OnPostOpenAsync(Guid id)
    {
        var viewer = await reports.ViewerAsync(User);
        if (viewer is null)
        {
            return NotFound();
        }

        try
        {
            var (_, error) = await ballots.OpenAsync(id, viewer, Field(BallotService.ProposedDueField), Field(BallotService.ReasonField), HttpContext.RequestAborted);
            return error is null ? Redirect($"/reports/{id}#ballots") : Refused(id, error.ToString());
        }
        catch (KeyNotFoundException)
        {
            return NotFound();
        }
    }

    public async Task<IActionResult> OnPostVoteAsync(Guid id)
    {
        var viewer = await reports.ViewerAsync(User);
        if (viewer is null)
        {
            return NotFound();
        }

        if (!Guid.TryParse(Field("ballot"), out var ballotId))
        {
            return await reports.FindVisibleAsync(id, viewer, HttpContext.RequestAborted) is null ? NotFound() : Refused(id, "ballot: is required");
        }

        try
        {
            var error = await ballots.VoteAsync(id, ballotId, viewer, Field(BallotService.VoteField), HttpContext.RequestAborted);
            return error is null ? Redirect($"/reports/{id}#ballots") : Refused(id, error.ToString());
        }
        catch (KeyNotFoundException)
        {
            return NotFound();
        }
    }

    private string? Field(string name) => Request.HasFormContentType && Request.Form.TryGetValue(name, out var value) ? value.ToString() : null;

    private PageResult Refused(Guid id, string error)
    {
        ReportId = id;
        Error = error;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
