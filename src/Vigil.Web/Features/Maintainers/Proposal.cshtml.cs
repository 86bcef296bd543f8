using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vigil.Disclosure.Reports;
using Vigil.Web.Features.Reports;
using Vigil.Web.Infrastructure.Security;

namespace Vigil.Web.Features.Maintainers;

/// <summary>
/// Takes a fix proposal posted from the report page (<c>/reports/{id}/proposals</c>). Accepted: back to the report.
/// Refused: this page shows the error with the form filled in. A report the viewer cannot see answers 404.
/// </summary>
[Authorize(Policy = Policies.Interactive)]
public sealed class ProposalModel(ReportService reports, ProposalService proposals) : PageModel
{
    public Guid Id { get; private set; }

    public FieldError? Error { get; private set; }

    public string? FixedVersion { get; private set; }

    public string? ReleaseDate { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        var viewer = await reports.ViewerAsync(User);
        return viewer is null || await reports.FindVisibleAsync(id, viewer, HttpContext.RequestAborted) is null
            ? NotFound()
            : Redirect($"/reports/{id}#proposals");
    }

    // Read from the form, not bound as handler arguments (MVC logs those at trace level).
    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        var viewer = await reports.ViewerAsync(User);
        if (viewer is null || await reports.FindVisibleAsync(id, viewer, HttpContext.RequestAborted) is null)
        {
            return NotFound();
        }

        Id = id;
        FixedVersion = Field(ProposalService.VersionField);
        ReleaseDate = Field(ProposalService.DateField);
        Error = await proposals.ProposeAsync(id, viewer, FixedVersion, ReleaseDate, HttpContext.RequestAborted);
        if (Error is null)
        {
            return Redirect($"/reports/{id}#proposals");
        }

        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    private string? Field(string name) => Request.HasFormContentType && Request.Form.TryGetValue(name, out var value) ? value.ToString() : null;
}
