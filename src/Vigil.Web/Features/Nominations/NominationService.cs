using Microsoft.EntityFrameworkCore;
using Vigil.Governance;
using Vigil.Governance.Rules;
using Vigil.Web.Features.Members;
using Vigil.Web.Infrastructure.Audit;
using Vigil.Web.Infrastructure.Persistence;

namespace Vigil.Web.Features.Nominations;

/// <summary>What a person types to nominate someone.</summary>
/// <param name="Nominee">The nominee's e-mail address or user name; blank to nominate oneself.</param>
/// <param name="DisplayName">The name for the members page.</param>
/// <param name="Handle">The public handle.</param>
/// <param name="Employer">The employer; blank for none.</param>
/// <param name="Statement">Why they should join.</param>
public sealed record NominationForm(string? Nominee, string? DisplayName, string? Handle, string? Employer, string? Statement);

/// <summary>A nomination as one viewer sees it: objections only for active members.</summary>
/// <param name="Record">The nomination.</param>
/// <param name="Objections">Its objections (standing and withdrawn), empty unless the viewer is an active member.</param>
/// <param name="Blocked">Whether a standing objection blocks it (shown to active members, the nominator and the nominee).</param>
/// <param name="ViewerIsMember">Whether the viewer is an active member (may object while the window is open).</param>
/// <param name="ViewerId">The viewer's account.</param>
public sealed record NominationView(NominationRecord Record, IReadOnlyList<NominationObjectionRecord> Objections, bool Blocked, bool ViewerIsMember, string ViewerId)
{
    /// <summary>Whether the viewer nominated or is the nominee.</summary>
    public bool ViewerIsParty => Record.NominatorId == ViewerId || Record.NomineeId == ViewerId;
}

/// <summary>
/// Nominations (issue 7): anyone signed in nominates an account (possibly their own) for membership; active members
/// may object with a reason while the window is open; a standing objection blocks until withdrawn; the nominator or
/// the nominee may withdraw. <see cref="NominationPass"/> opens the checklist when the window has passed.
/// </summary>
public sealed partial class NominationService(PlatformDbContext db, MemberService members, AuditLog audit, GroupRules rules, TimeProvider time)
{
    /// <summary>Every nomination, open ones first, then newest first.</summary>
    public async Task<IReadOnlyList<NominationRecord>> ListAsync(CancellationToken ct = default) =>
        [.. (await db.Nominations.AsNoTracking().ToListAsync(ct)).OrderBy(n => n.State).ThenByDescending(n => n.OpenedAt).ThenByDescending(n => n.Id)];

    /// <summary>The ids of the nominations with a standing objection.</summary>
    public async Task<HashSet<long>> BlockedAsync(CancellationToken ct = default) =>
        [.. await db.NominationObjections.Where(o => o.WithdrawnAt == null).Select(o => o.NominationId).Distinct().ToListAsync(ct)];

    /// <summary>One nomination for <paramref name="viewerId"/>, or null when there is none.</summary>
    public async Task<NominationView?> ViewAsync(long id, string viewerId, CancellationToken ct = default)
    {
        var record = await db.Nominations.AsNoTracking().SingleOrDefaultAsync(n => n.Id == id, ct);
        if (record is null)
        {
            return null;
        }

        bool member = await members.IsActiveMemberAsync(viewerId, ct);
        var objections = await db.NominationObjections.AsNoTracking().Where(o => o.NominationId == id).OrderBy(o => o.Id).ToListAsync(ct);
        bool blocked = objections.Any(o => o.WithdrawnAt is null);
        return new NominationView(record, member ? objections : [], blocked, member, viewerId);
    }

    /// <summary>Opens a nomination; the errors (or empty) and its id.</summary>
    public async Task<(IReadOnlyList<string> Errors, long Id)> CreateAsync(string nominatorId, NominationForm form, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        string? name = GroupText.Clean(form.DisplayName), handle = GroupText.Handle(form.Handle), employer = GroupText.Clean(form.Employer);
        string? statement = GroupText.Clean(form.Statement), nominee = GroupText.Clean(form.Nominee);
        var errors = new List<string>();
        string? nomineeId = nominatorId;
        if (nominee is not null)
        {
            if (GroupText.Check("nominee", nominee, 256, required: false) is { } nomineeError)
            {
                errors.Add(nomineeError);
            }
            else if (await members.FindAccountAsync(nominee, ct) is { Disabled: false } account)
            {
                nomineeId = account.Id;
            }
            else
            {
                errors.Add("nominee: no account has this e-mail address or user name (the nominee registers first)");
            }
        }

        errors.AddRange(new[]
        {
            GroupText.Check("name", name, GroupText.NameLength, required: true),
            GroupText.CheckHandle(handle),
            GroupText.Check("employer", employer, GroupText.EmployerLength, required: false),
            GroupText.Check("statement", statement, GroupText.LongTextLength, required: true, multiline: true),
        }.OfType<string>());
        if (errors.Count > 0)
        {
            return (errors, 0);
        }

        if (await members.IsActiveMemberAsync(nomineeId, ct))
        {
            return (["nominee: is already an active member"], 0);
        }

        if (await db.Nominations.AnyAsync(n => n.NomineeId == nomineeId && (n.State == NominationState.Open || n.State == NominationState.Onboarding), ct))
        {
            return (["nominee: already has a nomination in progress"], 0);
        }

        var now = MemberService.Truncate(time.GetUtcNow().UtcDateTime);
        var record = new NominationRecord
        {
            NominatorId = nominatorId,
            NomineeId = nomineeId,
            DisplayName = name!,
            Handle = handle!,
            Employer = employer,
            Statement = statement!,
            State = NominationState.Open,
            OpenedAt = now,
            ObjectionsCloseAt = now.AddDays(rules.ObjectionWindowDays),
        };
        db.Nominations.Add(record);
        await db.SaveChangesAsync(ct);
        audit.Record(nominatorId, GroupAuditActions.Nomination, Subject(record.Id), $"opened for {nomineeId}" + (nomineeId == nominatorId ? " (self)" : string.Empty));
        await audit.SaveChangesAsync(ct);
        return ([], record.Id);
    }

    /// <summary>An active member objects while the window is open; the error, or null when recorded.</summary>
    public async Task<string?> ObjectAsync(long id, string userId, string? reason, CancellationToken ct = default)
    {
        var record = await db.Nominations.SingleOrDefaultAsync(n => n.Id == id, ct) ?? throw new KeyNotFoundException();
        string? text = GroupText.Clean(reason);
        if (!await members.IsActiveMemberAsync(userId, ct))
        {
            return "objection: only active members may object";
        }

        if (record.State != NominationState.Open || time.GetUtcNow().UtcDateTime >= record.ObjectionsCloseAt)
        {
            return $"objection: the window for objections closed at {record.ObjectionsCloseAt:yyyy-MM-dd HH:mm:ss} UTC";
        }

        if (GroupText.Check("reason", text, GroupText.LongTextLength, required: true, multiline: true) is { } error)
        {
            return error;
        }

        if (await db.NominationObjections.AnyAsync(o => o.NominationId == id && o.ObjectorId == userId && o.WithdrawnAt == null, ct))
        {
            return "objection: you already have a standing objection to this nomination";
        }

        var objection = new NominationObjectionRecord
        {
            NominationId = id,
            ObjectorId = userId,
            Reason = text!,
            RaisedAt = MemberService.Truncate(time.GetUtcNow().UtcDateTime),
        };
        db.NominationObjections.Add(objection);
        await db.SaveChangesAsync(ct);
        audit.Record(userId, GroupAuditActions.Objection, Subject(id), $"raised #{objection.Id}");
        await audit.SaveChangesAsync(ct);
        return null;
    }

    /// <summary>The objector withdraws their own standing objection; the error, or null.</summary>
    public async Task<string?> WithdrawObjectionAsync(long id, long objectionId, string userId, CancellationToken ct = default)
    {
        var record = await db.Nominations.SingleOrDefaultAsync(n => n.Id == id, ct) ?? throw new KeyNotFoundException();
        var objection = await db.NominationObjections.SingleOrDefaultAsync(o => o.Id == objectionId && o.NominationId == id && o.ObjectorId == userId, ct);
        if (objection is null)
        {
            return "objection: you have no such objection to this nomination";
        }

        if (objection.WithdrawnAt is not null)
        {
            return "objection: is already withdrawn";
        }

        if (record.State != NominationState.Open)
        {
            return "objection: the nomination is no longer open";
        }

        objection.WithdrawnAt = MemberService.Truncate(time.GetUtcNow().UtcDateTime);
        audit.Record(userId, GroupAuditActions.Objection, Subject(id), $"withdrawn #{objection.Id}");
        await audit.SaveChangesAsync(ct);
        return null;
    }

    /// <summary>The nominator or the nominee withdraws the nomination (while open or in onboarding); the error, or null.</summary>
    public async Task<string?> WithdrawAsync(long id, string userId, CancellationToken ct = default)
    {
        var record = await db.Nominations.SingleOrDefaultAsync(n => n.Id == id, ct) ?? throw new KeyNotFoundException();
        if (record.NominatorId != userId && record.NomineeId != userId)
        {
            return "nomination: only the nominator or the nominee may withdraw it";
        }

        if (record.State is not (NominationState.Open or NominationState.Onboarding))
        {
            return $"nomination: is {record.State.ToString().ToLowerInvariant()} and can no longer be withdrawn";
        }

        record.State = NominationState.Withdrawn;
        record.WithdrawnAt = MemberService.Truncate(time.GetUtcNow().UtcDateTime);
        audit.Record(userId, GroupAuditActions.Nomination, Subject(id), "withdrawn by the " + (record.NomineeId == userId ? "nominee" : "nominator"));
        await audit.SaveChangesAsync(ct);
        return null;
    }

    /// <summary>The audit log's subject of a nomination.</summary>
    public static string Subject(long id) => "nomination:" + id.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
