using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Vigil.Disclosure.Reports;
using Vigil.Web.Infrastructure.Security;

namespace Vigil.Web.Features.Reports;

/// <summary>The report form: validated field by field on the server; nothing is stored unless every field passes.</summary>
[Authorize(Policy = Policies.Interactive)]
[RequestSizeLimit(ReportsSetup.MaxFormBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = ReportsSetup.MaxFormBytes)]
[EnableRateLimiting(ReportsSetup.SubmitRateLimit)]
public sealed class NewModel(ReportService reports) : PageModel
{
    [BindProperty]
    public ReportForm Form { get; set; } = new();

    public IReadOnlyList<FieldError> Errors { get; private set; } = [];

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(List<IFormFile>? attachments)
    {
        var viewer = await reports.ViewerAsync(User);
        if (viewer is null)
        {
            return Challenge();
        }

        var files = new List<UploadedFile>();
        var errors = new List<FieldError>();
        foreach (var file in attachments ?? [])
        {
            if (file.Length > Attachments.MaxBytes)
            {
                errors.Add(new FieldError("attachments", $"'{Attachments.CleanName(file.FileName)}' is larger than {Attachments.MaxBytes / (1024 * 1024)} MB"));
                continue;
            }

            using var buffer = new MemoryStream((int)file.Length);
            await file.CopyToAsync(buffer, HttpContext.RequestAborted);
            files.Add(new UploadedFile(file.FileName, buffer.ToArray()));
        }

        var draft = new ReportDraft
        {
            PackageName = Form.PackageName?.Trim(),
            AffectedVersions = Form.AffectedVersions,
            CweId = Form.CweId?.Trim(),
            Title = Form.Title,
            Description = Form.Description,
            ProofOfConcept = Form.ProofOfConcept,
            CvssVector = Form.CvssVector?.Trim(),
        };
        if (errors.Count > 0)
        {
            // Oversized files: check the rest too, but store nothing.
            ReportDetails.TryCreate(draft, Disclosure.Cwe.CweCatalogue.Default, out _, out var fieldErrors);
            Errors = [.. fieldErrors, .. errors];
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var (id, submitErrors) = await reports.SubmitAsync(viewer, draft, files, HttpContext.RequestAborted);
        if (id is null)
        {
            Errors = submitErrors;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        return Redirect($"/reports/{id}");
    }

    public string? ErrorOf(string field) => ReportsSetup.Message(Errors, field);
}

/// <summary>The report form's fields.</summary>
public sealed class ReportForm
{
    public string? PackageName { get; set; }

    public string? AffectedVersions { get; set; }

    public string? CweId { get; set; }

    public string? Title { get; set; }

    public string? Description { get; set; }

    public string? ProofOfConcept { get; set; }

    public string? CvssVector { get; set; }
}
