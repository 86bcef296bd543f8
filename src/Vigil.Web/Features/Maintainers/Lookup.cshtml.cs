using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vigil.Disclosure.AuditTrail;
using Vigil.Web.Features.Reports;
using Vigil.Web.Infrastructure.Audit;
using Vigil.Web.Infrastructure.Security;

namespace Vigil.Web.Features.Maintainers;

/// <summary>
/// The triager's look-up of a report's package maintainers on the npm registry: the packument's maintainers, each
/// with an Invite button (posting to <c>/reports/{id}/invite</c>), and the field to invite any other address. Only a
/// triager who did not submit the report gets the page; to everyone else it does not exist. Each look-up is audited.
/// </summary>
[Authorize(Policy = Policies.Interactive)]
public sealed class LookupModel(ReportService reports, PackumentClient packuments, AuditLog audit) : PageModel
{
    public Guid Id { get; private set; }

    public string Package { get; private set; } = string.Empty;

    public MaintainerLookup? Result { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id) => await AllowedAsync(id) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        if (!await AllowedAsync(id))
        {
            return NotFound();
        }

        var viewer = await reports.ViewerAsync(User);
        Result = await packuments.LookupAsync(Package, HttpContext.RequestAborted);
        audit.Record(viewer!.UserId, AuditActions.MaintainersLookedUp, id.ToString(), $"{Result.Url.GetLeftPart(UriPartial.Authority)}: {Result.Outcome}");
        await audit.SaveChangesAsync(HttpContext.RequestAborted);
        return Page();
    }

    private async Task<bool> AllowedAsync(Guid id)
    {
        var viewer = await reports.ViewerAsync(User);
        var found = viewer is null ? null : await reports.FindVisibleAsync(id, viewer, HttpContext.RequestAborted);
        if (found is not { } visible || !viewer!.IsTriager || string.Equals(visible.Record.ReporterId, viewer.UserId, StringComparison.Ordinal))
        {
            return false;
        }

        Id = id;
        Package = visible.Record.PackageName;
        return true;
    }
}
