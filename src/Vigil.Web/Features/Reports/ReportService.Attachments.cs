using Microsoft.EntityFrameworkCore;
using Vigil.Disclosure.AuditTrail;
using Vigil.Disclosure.Reports;

namespace Vigil.Web.Features.Reports;

/// <summary>Attachments: checked on upload, sealed at rest, opened only for participants.</summary>
public sealed partial class ReportService
{
    /// <summary>An attachment's name and bytes for a viewer who may see the report; records the read. Null: answer 404.</summary>
    public async Task<(string Name, byte[] Content)?> OpenAttachmentAsync(Guid id, Guid attachmentId, Viewer viewer, CancellationToken cancellationToken = default)
    {
        if (await FindVisibleAsync(id, viewer, cancellationToken) is null)
        {
            return null;
        }

        var attachment = await db.ReportAttachments.AsNoTracking().SingleOrDefaultAsync(a => a.Id == attachmentId && a.ReportId == id, cancellationToken);
        if (attachment is null)
        {
            return null;
        }

        audit.Record(viewer.UserId, AuditActions.ReportRead, id.ToString(), "attachment=" + attachmentId);
        await audit.SaveChangesAsync(cancellationToken);
        return (cipher.Open(attachment.NameSealed, AttachmentNameContext(id, attachmentId)), cipher.OpenBytes(attachment.ContentSealed, AttachmentContext(id, attachmentId)));
    }


    private static List<(string Name, byte[] Content, string Kind)> CheckAttachments(IReadOnlyList<UploadedFile> files, List<FieldError> errors)
    {
        var accepted = new List<(string, byte[], string)>();
        if (files.Count > Attachments.MaxCount)
        {
            errors.Add(new FieldError("attachments", $"at most {Attachments.MaxCount} files can be attached; {files.Count} were sent"));
            return accepted;
        }

        foreach (var file in files)
        {
            string name = Attachments.CleanName(file.Name);
            if (file.Content.LongLength > Attachments.MaxBytes)
            {
                errors.Add(new FieldError("attachments", $"'{name}' is larger than {Attachments.MaxBytes / (1024 * 1024)} MB"));
            }
            else if (Attachments.Sniff(file.Content) is not { } kind)
            {
                errors.Add(new FieldError("attachments", $"'{name}' is not {Attachments.AllowedKinds} (judged by its content)"));
            }
            else
            {
                accepted.Add((name, file.Content, kind));
            }
        }

        return accepted;
    }

    private void AddAttachment(Guid reportId, string uploaderId, string name, byte[] content, string kind, DateTime now)
    {
        var attachmentId = Guid.CreateVersion7();
        db.ReportAttachments.Add(new ReportAttachmentRecord
        {
            Id = attachmentId,
            ReportId = reportId,
            UploaderId = uploaderId,
            At = now,
            Kind = kind,
            Size = content.LongLength,
            NameSealed = cipher.Seal(name, AttachmentNameContext(reportId, attachmentId)),
            ContentSealed = cipher.Seal(content, AttachmentContext(reportId, attachmentId)),
        });
    }
}
