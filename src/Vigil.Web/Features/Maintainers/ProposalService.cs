using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Vigil.Disclosure.AuditTrail;
using Vigil.Disclosure.Reports;
using Vigil.Domain.Semver;
using Vigil.Web.Features.Accounts;
using Vigil.Web.Features.Reports;
using Vigil.Web.Infrastructure.Audit;
using Vigil.Web.Infrastructure.Mail;
using Vigil.Web.Infrastructure.Persistence;

namespace Vigil.Web.Features.Maintainers;

/// <summary>A proposal with its author's name, for the report page.</summary>
public sealed record ProposalView(ReportProposalRecord Proposal, string AuthorName);

/// <summary>
/// Fix proposals: a maintainer on the report, or a triager who did not submit it, proposes the version that will
/// carry the fix and a release date, while the report is accepted and not yet fixed. The version must be an npm
/// version outside the affected range; the date must not be past; a date after the publication deadline is allowed
/// and flagged. Participants are told by e-mail; the proposal is audited. Marking the report fixed starts from the
/// latest proposal's version.
/// </summary>
public sealed class ProposalService(
    PlatformDbContext db, ReportService reports, AuditLog audit, MailOutbox outbox, TimeProvider time, AccountLinks links)
{
    /// <summary>The form's field names.</summary>
    public const string VersionField = "fixedVersion";

    /// <summary>The form's field names.</summary>
    public const string DateField = "releaseDate";

    /// <summary>The states in which a fix can be proposed.</summary>
    public static readonly IReadOnlySet<ReportState> OpenStates = new HashSet<ReportState>
    {
        ReportState.Accepted, ReportState.MaintainerContacted, ReportState.FixInProgress,
    };

    /// <summary>Whether this viewer may propose on this report (whatever its state).</summary>
    public static bool MayPropose(Viewer viewer, ReportRecord record, IEnumerable<ReportParticipantRecord> participants)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        ArgumentNullException.ThrowIfNull(record);
        string maintainer = ReportService.RoleName(ParticipantRole.Maintainer);
        return participants.Any(p => p.UserId == viewer.UserId && p.Role == maintainer)
            || (viewer.IsTriager && !string.Equals(record.ReporterId, viewer.UserId, StringComparison.Ordinal));
    }

    /// <summary>Records a proposal; returns the refused field's error, or null. Throws <see cref="KeyNotFoundException"/> for a report the viewer cannot see.</summary>
    public async Task<FieldError?> ProposeAsync(Guid id, Viewer viewer, string? version, string? releaseDate, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        var found = await reports.FindVisibleAsync(id, viewer, cancellationToken);
        if (found is not { } visible)
        {
            throw new KeyNotFoundException();
        }

        var (record, participants) = visible;
        if (!MayPropose(viewer, record, participants))
        {
            return new FieldError(VersionField, "Only the package's maintainers on this report and the triage team can propose a fix.");
        }

        var state = ReportService.ParseState(record.State);
        if (!OpenStates.Contains(state))
        {
            return new FieldError(VersionField, $"A fix can be proposed while the report is accepted and not yet fixed; it is {record.State}.");
        }

        version = version?.Trim();
        if (string.IsNullOrEmpty(version) || version.Length > 256)
        {
            return new FieldError(VersionField, "The fixed version is required (at most 256 characters).");
        }

        if (!NpmVersion.TryParse(version, SemverOptions.None, out var parsed, out string? versionError))
        {
            return new FieldError(VersionField, "The fixed version is not an npm version: " + versionError);
        }

        var affected = reports.ToDomain(record, participants).Details.AffectedVersions;
        if (affected.IsSatisfiedBy(parsed))
        {
            return new FieldError(VersionField, $"{parsed} is inside the affected range {affected.Canonical}: it cannot be the fix.");
        }

        var now = time.GetUtcNow().UtcDateTime;
        DateOnly? date = null;
        bool afterDeadline = false;
        releaseDate = releaseDate?.Trim();
        if (!string.IsNullOrEmpty(releaseDate))
        {
            if (releaseDate.Length > 10 || !DateOnly.TryParseExact(releaseDate, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            {
                return new FieldError(DateField, "The release date is not a date (yyyy-mm-dd).");
            }

            if (day < DateOnly.FromDateTime(now))
            {
                return new FieldError(DateField, "The release date is in the past.");
            }

            date = day;
            afterDeadline = record.PublicationDueAt is { } due && day > DateOnly.FromDateTime(due);
        }

        db.Set<ReportProposalRecord>().Add(new ReportProposalRecord
        {
            ReportId = id, AuthorId = viewer.UserId, At = now, FixedVersion = parsed.ToString(), ReleaseDate = date, AfterDeadline = afterDeadline,
        });
        string when = date is { } d ? "release on " + d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "no release date";
        string flag = afterDeadline ? " (after the publication deadline)" : string.Empty;
        audit.Record(viewer.UserId, AuditActions.FixProposed, id.ToString(), $"{parsed}, {when}{flag}");

        var others = participants.Select(p => p.UserId).Where(u => u != viewer.UserId).Distinct(StringComparer.Ordinal).ToList();
        var to = await db.Users.AsNoTracking().Where(u => others.Contains(u.Id) && u.Email != null && u.DisabledAt == null).Select(u => u.Email!).ToListAsync(cancellationToken);
        foreach (string address in to)
        {
            outbox.Enqueue(address, $"[Vigil] A fix is proposed for report {ReportService.ShortId(id)}",
                $"A fix is proposed for report {ReportService.ShortId(id)}: version {parsed}, {when}{flag}.\n\nOpen it: {links.BaseUrl(null)}/reports/{id}#proposals\n");
        }

        await audit.SaveChangesAsync(cancellationToken);
        outbox.Wake();
        return null;
    }

    /// <summary>The report's proposals, oldest first, with their authors' names (the caller checked that the viewer sees the report).</summary>
    public async Task<IReadOnlyList<ProposalView>> ListAsync(Guid id, CancellationToken cancellationToken = default)
    {
        var proposals = await db.Set<ReportProposalRecord>().AsNoTracking().Where(p => p.ReportId == id).OrderBy(p => p.Id).ToListAsync(cancellationToken);
        var authors = proposals.Select(p => p.AuthorId).ToHashSet(StringComparer.Ordinal);
        var names = await db.Users.AsNoTracking().Where(u => authors.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.UserName ?? u.Id, cancellationToken);
        return proposals.Select(p => new ProposalView(p, names.TryGetValue(p.AuthorId, out string? name) ? name : "(removed account)")).ToList();
    }
}
