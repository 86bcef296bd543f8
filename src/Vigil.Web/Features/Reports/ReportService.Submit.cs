using Vigil.Disclosure.AuditTrail;
using Vigil.Disclosure.Cwe;
using Vigil.Disclosure.Reports;
using Vigil.Disclosure.Workflow;
using Vigil.Web.Features.Maintainers;
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

        string? uncheckedReason = null;
        if (packageCheck.Enabled)
        {
            var check = await packuments.CheckExistsAsync(details.PackageName, packageCheck.Timeout, cancellationToken);
            if (check.Existence == PackageExistence.Missing)
            {
                return (null, [new FieldError(ReportFields.PackageName, $"no package named {details.PackageName} on the registry {check.Registry}")]);
            }

            // The registry is down, slow or refuses us: the report is accepted all the same. A reporter holding a
            // vulnerability must not be turned away for an outage they cannot fix (many would not come back), and
            // the triage team reads every report anyway; an internal note tells them to check the name by hand.
            uncheckedReason = check.Existence == PackageExistence.Unknown ? check.Problem : null;
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

        if (uncheckedReason is not null)
        {
            string note = $"Vigil could not check on the registry that the package {details.PackageName} exists: {uncheckedReason}. Check the name by hand before triage.";
            db.ReportComments.Add(new ReportCommentRecord { ReportId = id, AuthorId = Actor.ClockId, At = now, Internal = true, BodySealed = cipher.Seal(note, CommentContext(id, true)) });
        }

        string detail = string.Join(' ', new[] { accepted.Count == 0 ? null : $"attachments={accepted.Count}", uncheckedReason is null ? null : "package-uncheckedReason" }.OfType<string>());
        audit.Record(viewer.UserId, AuditActions.ReportSubmitted, id.ToString(), detail);

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
