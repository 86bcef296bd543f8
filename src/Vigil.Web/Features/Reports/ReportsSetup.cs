using System.Security.Claims;
using System.Text;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;
using Vigil.Disclosure.Reports;
using Vigil.Disclosure.Workflow;
using Vigil.Domain.Cvss;
using Vigil.Web.Infrastructure.Audit;
using Vigil.Web.Infrastructure.Security;
using Vigil.Web.Infrastructure.Text;

namespace Vigil.Web.Features.Reports;

/// <summary>A report as the API shows it to a participant.</summary>
public sealed record ReportResponse(
    Guid Id, string State, string PackageName, string AffectedVersions, string CweId, string? CvssVector, decimal? CvssScore,
    string Title, string Description, string ProofOfConcept, DateTime SubmittedAt, DateTime? PublicationDueAt);

/// <summary>A row of <c>GET /api/reports</c>.</summary>
public sealed record ReportListItem(Guid Id, string State, string PackageName, string Title, DateTime SubmittedAt, bool Overdue);

/// <summary>A new report: the report form's fields (attachments only through the form).</summary>
public sealed record SubmitReportRequest(
    string? PackageName, string? AffectedVersions, string? CweId, string? Title, string? Description, string? ProofOfConcept, string? CvssVector);

/// <summary>A CVSS vector's score.</summary>
public sealed record CvssScoreResponse(string Vector, decimal Score, string Severity);

/// <summary>
/// Whether a submitted report's package is looked up on the registry (<c>Vigil:Reports:CheckPackageOnRegistry</c>,
/// default on) and how long the registry has to answer (<c>Vigil:Reports:PackageCheckSeconds</c>, default 5).
/// </summary>
public sealed record PackageCheckOptions(bool Enabled, TimeSpan Timeout);

/// <summary>Registration and endpoints of the reports feature (pages are in this folder too).</summary>
public static class ReportsSetup
{
    /// <summary>The largest report form: five attachments of 5 MB and the texts.</summary>
    public const long MaxFormBytes = (Attachments.MaxCount * Attachments.MaxBytes) + (1024 * 1024);

    /// <summary>The rate-limit policy of report submission (form and API): <c>Vigil:RateLimits:Reports</c> per user and hour.</summary>
    public const string SubmitRateLimit = "submit-report";

    public static IServiceCollection AddReports(this IServiceCollection services, IConfiguration configuration)
    {
        int perHour = configuration.GetValue("Vigil:RateLimits:Reports", 20);
        services.Configure<RateLimiterOptions>(options => options.AddPolicy(SubmitRateLimit, context =>
            HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method)
                ? RateLimitPartition.GetNoLimiter(SubmitRateLimit)
                : RateLimitPartition.GetFixedWindowLimiter(
                    SubmitRateLimit + ":" + (context.User.FindFirstValue(ClaimTypes.NameIdentifier) ?? context.Connection.RemoteIpAddress?.ToString() ?? "?"),
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = perHour, Window = TimeSpan.FromHours(1), QueueLimit = 0 })));
        services.AddSingleton(new PackageCheckOptions(
            configuration.GetValue("Vigil:Reports:CheckPackageOnRegistry", true),
            TimeSpan.FromSeconds(Math.Clamp(configuration.GetValue("Vigil:Reports:PackageCheckSeconds", 5.0), 0.1, 60))));
        services.AddSingleton<MarkdownRenderer>();
        services.AddScoped<AuditLog>();
        services.AddScoped<ReportService>();
        return services;
    }

    /// <summary>Creates the key file now rather than on the first report.</summary>
    public static void PrepareReports(this WebApplication app) => app.Services.GetRequiredService<SecretCipher>();

    /// <summary>The attachment download (outside <c>/api</c>: a browser session's link).</summary>
    public static WebApplication MapReportDownloads(this WebApplication app)
    {
        app.MapGet("/reports/{id:guid}/attachments/{attachmentId:guid}", DownloadAsync)
            .RequireAuthorization(Policies.Interactive)
            .ExcludeFromDescription();
        return app;
    }

    public static RouteGroupBuilder MapReports(this RouteGroupBuilder api)
    {
        var reports = api.MapGroup("/reports").WithTags("Reports");
        reports.MapGet("/", ListAsync).RequireAuthorization(Scopes.Policy(Scopes.ReportsRead))
            .WithSummary("Your reports; every report for the triage team");
        reports.MapGet("/{id:guid}", GetAsync).RequireAuthorization(Scopes.Policy(Scopes.ReportsRead))
            .WithSummary("One report (404 unless you take part in it)");
        reports.MapPost("/", SubmitAsync).RequireAuthorization(Scopes.Policy(Scopes.ReportsWrite))
            .RequireRateLimiting(SubmitRateLimit).WithSummary("Submit a private report");
        api.MapGet("/cvss", Score).RequireAuthorization()
            .WithTags("Reports").WithSummary("The score of a CVSS v3.0, v3.1 or v4.0 vector");
        return api;
    }

    internal static async Task<IResult> DownloadAsync(Guid id, Guid attachmentId, HttpContext http, ReportService reports)
    {
        var viewer = await reports.ViewerAsync(http.User);
        var file = viewer is null ? null : await reports.OpenAttachmentAsync(id, attachmentId, viewer, http.RequestAborted);
        if (file is not { } found)
        {
            return Results.NotFound();
        }

        // Always a download, never rendered: a neutral type, nosniff (set for every response), and a sandbox in case a browser opens it anyway.
        var disposition = new ContentDispositionHeaderValue("attachment");
        disposition.SetHttpFileName(found.Name);
        http.Response.Headers.ContentDisposition = disposition.ToString();
        http.Response.Headers.ContentSecurityPolicy = "default-src 'none'; sandbox";
        http.Response.Headers.XContentTypeOptions = "nosniff";
        return Results.Bytes(found.Content, "application/octet-stream");
    }

    private static async Task<Results<Ok<List<ReportListItem>>, UnauthorizedHttpResult>> ListAsync(HttpContext http, ReportService reports)
    {
        var viewer = await reports.ViewerAsync(http.User);
        if (viewer is null)
        {
            return TypedResults.Unauthorized();
        }

        var list = await reports.ListAsync(viewer, http.RequestAborted);
        return TypedResults.Ok(list.Select(r => new ReportListItem(r.Record.Id, r.Record.State, r.Record.PackageName, r.Title, r.Record.SubmittedAt, r.Overdue)).ToList());
    }

    private static async Task<Results<Ok<ReportResponse>, NotFound>> GetAsync(Guid id, HttpContext http, ReportService reports)
    {
        var viewer = await reports.ViewerAsync(http.User);
        var view = viewer is null ? null : await reports.ReadAsync(id, viewer, http.RequestAborted);
        if (view is null)
        {
            return TypedResults.NotFound();
        }

        var r = view.Record;
        var d = view.Report.Details;
        return TypedResults.Ok(new ReportResponse(r.Id, r.State, r.PackageName, r.AffectedVersions, r.CweId, r.CvssVector, r.CvssScore, d.Title, d.Description, d.ProofOfConcept, r.SubmittedAt, r.PublicationDueAt));
    }

    private static async Task<Results<Created<ReportListItem>, ValidationProblem, UnauthorizedHttpResult>> SubmitAsync(SubmitReportRequest request, HttpContext http, ReportService reports)
    {
        var viewer = await reports.ViewerAsync(http.User);
        if (viewer is null)
        {
            return TypedResults.Unauthorized();
        }

        var draft = new ReportDraft
        {
            PackageName = request.PackageName,
            AffectedVersions = request.AffectedVersions,
            CweId = request.CweId,
            Title = request.Title,
            Description = request.Description,
            ProofOfConcept = request.ProofOfConcept,
            CvssVector = request.CvssVector,
        };
        var (id, errors) = await reports.SubmitAsync(viewer, draft, [], http.RequestAborted);
        if (id is null)
        {
            return TypedResults.ValidationProblem(Errors(errors), title: "The report was not submitted.");
        }

        return TypedResults.Created($"/api/reports/{id}", new ReportListItem(id.Value, ReportWorkflow.StateName(ReportState.New), draft.PackageName!, draft.Title!.Trim(), DateTime.UtcNow, false));
    }

    private static Results<Ok<CvssScoreResponse>, ValidationProblem> Score(string? vector)
    {
        if (!CvssVector.TryParse(vector, out var parsed, out string? error))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { [ReportFields.CvssVector] = [error] });
        }

        return TypedResults.Ok(new CvssScoreResponse(parsed.Text, parsed.Scores.Score, parsed.Scores.SeverityName));
    }

    /// <summary>Field errors as ProblemDetails' <c>errors</c>.</summary>
    public static Dictionary<string, string[]> Errors(IEnumerable<FieldError> errors) =>
        errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray());

    /// <summary>A field's errors joined, for a page.</summary>
    public static string? Message(IReadOnlyList<FieldError> errors, string field)
    {
        var messages = errors.Where(e => e.Field == field).Select(e => e.Message).ToList();
        return messages.Count == 0 ? null : new StringBuilder().AppendJoin("; ", messages).ToString();
    }
}
