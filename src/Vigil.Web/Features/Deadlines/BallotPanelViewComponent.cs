using Microsoft.AspNetCore.Mvc;
using Vigil.Web.Features.Reports;

namespace Vigil.Web.Features.Deadlines;

/// <summary>The report page's ballot section: the ballots, the vote buttons for the voters, the form to open one.</summary>
public sealed class BallotPanelViewComponent(ReportService reports, BallotService ballots) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(Guid reportId)
    {
        var viewer = await reports.ViewerAsync(UserClaimsPrincipal);
        var panel = viewer is null ? null : await ballots.PanelAsync(reportId, viewer, HttpContext.RequestAborted);
        return panel is null ? Content(string.Empty) : View("/Features/Deadlines/BallotPanel.cshtml", panel);
    }
}
