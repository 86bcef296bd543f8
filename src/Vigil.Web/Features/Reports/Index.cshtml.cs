using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vigil.Web.Infrastructure.Security;

namespace Vigil.Web.Features.Reports;

/// <summary>My reports; for the triage team the dashboard of every report with its clocks, overdue first.</summary>
[Authorize(Policy = Policies.Interactive)]
public sealed class IndexModel(ReportService reports, TimeProvider time) : PageModel
{
    public IReadOnlyList<ReportSummary> Reports { get; private set; } = [];

    public bool IsDashboard { get; private set; }

    public DateTimeOffset Now { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var viewer = await reports.ViewerAsync(User);
        if (viewer is null)
        {
            return Challenge();
        }

        IsDashboard = viewer.IsTriager || viewer.IsAdministrator;
        Now = time.GetUtcNow();
        var list = await reports.ListAsync(viewer, HttpContext.RequestAborted);
        Reports = IsDashboard
            ? [.. list.OrderByDescending(r => r.Overdue).ThenBy(r => r.Deadlines.Count == 0 ? DateTimeOffset.MaxValue : r.Deadlines.Min(d => d.DueAt))]
            : list;
        return Page();
    }
}
