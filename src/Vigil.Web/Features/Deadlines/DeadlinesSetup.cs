using Microsoft.AspNetCore.Http.HttpResults;
using Vigil.Web.Features.Reports;
using Vigil.Web.Infrastructure.Security;

namespace Vigil.Web.Features.Deadlines;

/// <summary>A ballot as the API shows it to a participant of its report.</summary>
public sealed record BallotResponse(
    Guid Id, string Outcome, DateTime CurrentDue, DateTime ProposedDue, DateTime OpenedAt, DateTime? ClosedAt, string Reason,
    int Eligible, int Yes, int No, int Needed, bool? MyVote, bool CanVote);

/// <summary>A proposed extension: the new date (<c>yyyy-MM-dd</c>) and why.</summary>
public sealed record OpenBallotRequest(string? ProposedDue, string? Reason);

/// <summary>A vote: <c>yes</c> or <c>no</c>.</summary>
public sealed record VoteRequest(string? Vote);

/// <summary>Registration and endpoints of the clocks: the deadline worker and the extension ballots.</summary>
public static class DeadlinesSetup
{
    public static IServiceCollection AddDeadlines(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<DeadlineSettings>(configuration.GetSection("Vigil:Deadlines"));
        services.AddScoped<BallotService>();
        services.AddSingleton<DeadlinePass>();
        services.AddHostedService<DeadlineWorker>();
        return services;
    }

    public static RouteGroupBuilder MapBallots(this RouteGroupBuilder api)
    {
        const string Ballots = "/reports/{id:guid}/ballots";
        api.MapGet(Ballots, ListAsync).RequireAuthorization(Scopes.Policy(Scopes.ReportsRead)).WithTags("Ballots")
            .WithSummary("The report's extension ballots (404 unless you take part in the report)");
        api.MapPost(Ballots, OpenAsync).RequireAuthorization(Scopes.Policy(Scopes.ReportsWrite)).WithTags("Ballots")
            .WithSummary("Open a ballot on extending the publication deadline (triage team)");
        api.MapPost(Ballots + "/{ballotId:guid}/vote", VoteAsync).RequireAuthorization(Scopes.Policy(Scopes.ReportsWrite)).WithTags("Ballots")
            .WithSummary("Vote yes or no (the triage team and the reporter; changeable while the ballot is open)");
        return api;
    }

    private static async Task<Results<Ok<List<BallotResponse>>, NotFound>> ListAsync(Guid id, HttpContext http, ReportService reports, BallotService ballots)
    {
        var viewer = await reports.ViewerAsync(http.User);
        var panel = viewer is null ? null : await ballots.PanelAsync(id, viewer, http.RequestAborted);
        return panel is null ? TypedResults.NotFound() : TypedResults.Ok(panel.Ballots.Select(ToResponse).ToList());
    }

    private static async Task<Results<Created<BallotResponse>, ValidationProblem, NotFound>> OpenAsync(Guid id, OpenBallotRequest? request, HttpContext http, ReportService reports, BallotService ballots)
    {
        var viewer = await reports.ViewerAsync(http.User);
        if (viewer is null)
        {
            return TypedResults.NotFound();
        }

        try
        {
            var (ballotId, error) = await ballots.OpenAsync(id, viewer, request?.ProposedDue, request?.Reason, http.RequestAborted);
            if (error is not null)
            {
                return TypedResults.ValidationProblem(ReportsSetup.Errors([error]), title: "The ballot was not opened.");
            }

            var panel = await ballots.PanelAsync(id, viewer, http.RequestAborted);
            return TypedResults.Created($"/api/reports/{id}/ballots", ToResponse(panel!.Ballots.Single(b => b.Record.Id == ballotId)));
        }
        catch (KeyNotFoundException)
        {
            return TypedResults.NotFound();
        }
    }

    private static async Task<Results<Ok<BallotResponse>, ValidationProblem, NotFound>> VoteAsync(Guid id, Guid ballotId, VoteRequest? request, HttpContext http, ReportService reports, BallotService ballots)
    {
        var viewer = await reports.ViewerAsync(http.User);
        if (viewer is null)
        {
            return TypedResults.NotFound();
        }

        try
        {
            var error = await ballots.VoteAsync(id, ballotId, viewer, request?.Vote, http.RequestAborted);
            if (error is not null)
            {
                return TypedResults.ValidationProblem(ReportsSetup.Errors([error]), title: "The vote was not recorded.");
            }

            var panel = await ballots.PanelAsync(id, viewer, http.RequestAborted);
            return TypedResults.Ok(ToResponse(panel!.Ballots.Single(b => b.Record.Id == ballotId)));
        }
        catch (KeyNotFoundException)
        {
            return TypedResults.NotFound();
        }
    }

    private static BallotResponse ToResponse(BallotView b) => new(
        b.Record.Id, b.Record.Outcome, b.Record.CurrentDue, b.Record.ProposedDue, b.Record.OpenedAt, b.Record.ClosedAt, b.Reason,
        b.Tally.Eligible, b.Tally.Yes, b.Tally.No, b.Tally.Needed, b.MyVote, b.CanVote);
}
