using Vigil.Disclosure.AuditTrail;
using Vigil.Disclosure.Cwe;
using Vigil.Disclosure.Reports;
using Vigil.Disclosure.Workflow;
using Vigil.Web.Infrastructure.Security;

namespace Vigil.Web.Features.Reports;

/// <summary>Submitting a new report.</summary>
public sealed partial class ReportService
{
    /// <summary>Validates and stores a new report; on errors nothing is stored.</summary>
    public async Task<(Guid? Id, IReadOnlyList<FieldError> Errors)> SubmitAsync(Viewer viewer, ReportDraft draft, IReadOnlyList<UploadedFile> files, CancellationToken cancellationToken = default)
    {
        var errors = new List<FieldError>();
        if (!ReportDetails.TryCreate(draft, CweCatalogue.Default, out var details, out var fieldErrors))
        {
            errors.AddRange(fieldErrors);
        }

        var accepted = CheckAttachments(files, errors);
        if (errors.Count > 0 || details is null)
        {
            return (null, errors);
        }

        var now = time.GetUtcNow().UtcDateTime;
        var id = Guid.CreateVersion7();
        var record = new ReportRecord
        {
            Id = id,
            ReporterId = viewer.UserId,
            State = ReportWorkflow.StateName(ReportState.New),
            PackageName = details.PackageName,
            AffectedVersions = draft.AffectedVersions!.Trim(),
            CweId = details.Cwe.Id,
            CvssVector = details.Cvss?.Text,
            CvssScore = details.Cvss?.Scores.Score,
            TitleSealed = cipher.Seal(details.Title, TitleContext(id)),
            DescriptionSealed = cipher.Seal(details.Description, DescriptionContext(id)),
            ProofOfConceptSealed = cipher.Seal(details.ProofOfConcept, ProofContext(id)),
            SubmittedAt = now,
        };
        db.Reports.Add(record);
        db.ReportParticipants.Add(new ReportParticipantRecord { ReportId = id, UserId = viewer.UserId, Role = RoleName(ParticipantRole.Reporter), AddedAt = now });
        foreach (var (name, content, kind) in accepted)
        {
            AddAttachment(id, viewer.UserId, name, content, kind, now);
        }

        audit.Record(viewer.UserId, AuditActions.ReportSubmitted, id.ToString(), accepted.Count == 0 ? string.Empty : $"attachments={accepted.Count}");

        // The triage team learns that a report arrived; the mail says which, never what (titles leak too).
        var triagers = await users.GetUsersInRoleAsync(Roles.Triager);
        foreach (var triager in triagers.Where(t => t.Id != viewer.UserId && t.Email is not null && t.DisabledAt == null))
        {
            outbox.Enqueue(triager.Email!, $"[Vigil] New report {ShortId(id)}", $"A new private report was submitted.\n\nOpen it: {links.BaseUrl(null)}/reports/{id}\n");
        }

        await audit.SaveChangesAsync(cancellationToken);
        outbox.Wake();
        return (id, []);
    }
}
