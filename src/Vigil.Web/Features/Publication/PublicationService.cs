using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Vigil.Data.Advisories;
using Vigil.Disclosure.Publication;
using Vigil.Disclosure.Reports;
using Vigil.Disclosure.Workflow;
using Vigil.Domain.Osv;
using Vigil.Web.Features.Accounts;
using Vigil.Web.Infrastructure.Persistence;

namespace Vigil.Web.Features.Publication;

/// <summary>
/// Makes the advisory of a published report, called by <c>ReportService.TransitionAsync</c> for
/// <see cref="ReportAction.Publish"/> and <see cref="ReportAction.PublishAtDeadline"/>, whoever acts (a triager or
/// the deadline clock).
/// </summary>
/// <remarks>
/// The advisory tables and the platform's tables are in one database (the same SQLite file, or the same PostgreSQL
/// database), so the advisory is written on the platform context's connection, inside the transition's transaction:
/// the new state, the event, the audit entry, the mail and the advisory commit together or not at all. Publications
/// are serialized (<see cref="AdvisoryStore.LockPublications"/>) before the report is read, and keyed by the report
/// (<see cref="KeyOf"/>): two publishers never both number an advisory, and one report never gets two.
/// </remarks>
public sealed class PublicationService(PlatformDbContext db, AdvisoryStore store, PublicationOptions options, AccountLinks links)
{
    /// <summary>How a person whose only name is their e-mail address is credited: Vigil never publishes an address.</summary>
    public const string AnonymousName = "Anonymous";

    /// <summary>Whether an action publishes a report.</summary>
    public static bool Publishes(ReportAction action) => action is ReportAction.Publish or ReportAction.PublishAtDeadline;

    /// <summary>Whether the action changes the report's advisory: publishing creates it, withdrawing marks it withdrawn.</summary>
    public static bool ChangesAdvisory(ReportAction action) => Publishes(action) || action == ReportAction.Withdraw;

    /// <summary>The publication key of a report in the advisory database.</summary>
    public static string KeyOf(Guid reportId) => "report:" + reportId.ToString("D");

    /// <summary>Serializes publications until the current transaction ends; call it before reading the report.</summary>
    public void Lock()
    {
        var (connection, transaction) = Current();
        store.LockPublications(connection, transaction);
    }

    /// <summary>
    /// Stores the advisory of <paramref name="report"/> (already in its published state) in the current transaction:
    /// the next <c>NSWG-ECO-n</c>, a CVE id from the pool or "requested", the credits, the advisory page as reference.
    /// Returns the stored advisory; when the report was published before, the one stored then.
    /// </summary>
    public async Task<StoredAdvisory> PublishAsync(Guid reportId, VulnerabilityReport report, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        var credits = await CreditsAsync(report, cancellationToken);
        string baseUrl = links.BaseUrl(null);
        var (connection, transaction) = Current();
        var published = store.Publish(connection, transaction, KeyOf(reportId), PublicationOptions.Source, slot =>
        {
            string advisoryId = AdvisoryIds.NextEcosystemId(slot.AdvisoryIds);
            return OsvPublication.ToOsv(report, new PublicationInput
            {
                AdvisoryId = advisoryId,
                Cve = CveAssignment.Take(options.CvePool, slot.Aliases),
                PublishedAt = now,
                Credits = credits,
                References = [new Uri($"{baseUrl}/advisories/{advisoryId}")],
            });
        });
        return published.Advisory;
    }

    /// <summary>Marks the advisory of a withdrawn report withdrawn, in the current transaction; null when it has none.</summary>
    public StoredAdvisory? Withdraw(Guid reportId, DateTimeOffset now)
    {
        var (connection, transaction) = Current();
        return store.Withdraw(connection, transaction, KeyOf(reportId), now);
    }

    /// <summary>
    /// The CVE record (JSON 5.1) of a published report, from its stored advisory; or why there is none (the CNA is not
    /// configured, the CVE id is still requested). Null when the report has no advisory.
    /// </summary>
    public (string? Json, string? CveId, string? Problem)? CveRecord(Guid reportId, VulnerabilityReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var stored = store.Published(KeyOf(reportId));
        if (stored is null)
        {
            return null;
        }

        var record = stored.Record;
        string? cve = (record.Aliases ?? []).FirstOrDefault(CveAssignment.IsCveId);
        if (cve is null)
        {
            return (null, null, $"{record.Id} has no CVE id yet (requested): add one to Vigil:CvePool, or ask the CNA.");
        }

        if (options.Cna is not { } cna)
        {
            return (null, cve, "No CNA is configured: set Vigil:Cna:OrgId and Vigil:Cna:ShortName.");
        }

        var input = new PublicationInput
        {
            AdvisoryId = record.Id,
            Cve = new CveAssignment(cve),
            PublishedAt = record.Published?.Value ?? record.Modified.Value ?? DateTimeOffset.UnixEpoch,
            Credits = [.. (record.Credits ?? []).Select(c => new PublicationCredit(c.Name, c.Type?.Value ?? OsvCreditType.Other, c.Contact))],
            References = [.. (record.References ?? []).Select(r => Uri.TryCreate(r.Url, UriKind.Absolute, out var uri) ? uri : null).OfType<Uri>()],
        };
        return (CveRecordWriter.Write(report, input, cna), cve, null);
    }

    /// <summary>
    /// Who is credited, true to what the platform knows: the reporter found it; the maintainers fixed it (only when the
    /// report has a fixed version); the triagers coordinated. Accounts have no public name of their own: a user name
    /// that is an e-mail address is credited as <see cref="AnonymousName"/>.
    /// </summary>
    private async Task<IReadOnlyList<PublicationCredit>> CreditsAsync(VulnerabilityReport report, CancellationToken cancellationToken)
    {
        var ids = report.Participants.Select(p => p.UserId).Distinct(StringComparer.Ordinal).ToList();
        var names = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.UserName, cancellationToken);
        var credits = new List<PublicationCredit>();
        foreach (var role in new[] { ParticipantRole.Reporter, ParticipantRole.Maintainer, ParticipantRole.Triager })
        {
            if (role == ParticipantRole.Maintainer && report.FixedVersion is null)
            {
                continue;
            }

            foreach (var participant in report.Participants.Where(p => p.Role == role))
            {
                string? name = names.GetValueOrDefault(participant.UserId);
                var credit = new PublicationCredit(string.IsNullOrWhiteSpace(name) || name.Contains('@', StringComparison.Ordinal) ? AnonymousName : name.Trim(), PublicationCredit.TypeOf(role));
                if (!credits.Contains(credit))
                {
                    credits.Add(credit);
                }
            }
        }

        return credits;
    }

    private (DbConnection Connection, DbTransaction Transaction) Current()
    {
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("Publication runs inside the transition's transaction.");
        return (db.Database.GetDbConnection(), transaction);
    }
}
