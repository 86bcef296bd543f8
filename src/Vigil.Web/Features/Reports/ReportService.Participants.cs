using Microsoft.EntityFrameworkCore;
using Vigil.Disclosure.AuditTrail;
using Vigil.Disclosure.Reports;
using Vigil.Web.Infrastructure.Persistence;
using Vigil.Web.Infrastructure.Security;

namespace Vigil.Web.Features.Reports;

/// <summary>Who is on a report: removing participants and inviting maintainers.</summary>
public sealed partial class ReportService
{
    /// <summary>
    /// A triager removes a maintainer or a triager from the report. Access is decided from the participant rows on
    /// every request, so the removed person's very next request (session or token) gets 404. The reporter stays.
    /// </summary>
    public async Task<FieldError?> RemoveParticipantAsync(Guid id, Viewer viewer, long participantId, CancellationToken cancellationToken = default)
    {
        var found = await FindVisibleAsync(id, viewer, cancellationToken);
        if (found is not { } visible)
        {
            throw new KeyNotFoundException();
        }

        var (record, participants) = visible;
        if (!viewer.IsTriager || string.Equals(record.ReporterId, viewer.UserId, StringComparison.Ordinal))
        {
            return new FieldError("participant", "Only a triager who did not submit the report can remove participants.");
        }

        var participant = participants.SingleOrDefault(p => p.Id == participantId);
        if (participant is null || participant.Role == RoleName(ParticipantRole.Reporter))
        {
            return new FieldError("participant", "That is not a participant who can be removed (the reporter always stays).");
        }

        db.ReportParticipants.Remove(participant);
        audit.Record(viewer.UserId, AuditActions.ParticipantChanged, id.ToString(), $"removed {participant.Role} {participant.UserId}");
        await audit.SaveChangesAsync(cancellationToken);
        return null;
    }

    /// <summary>How long an invitation link stays valid.</summary>
    public static readonly TimeSpan InvitationLifetime = TimeSpan.FromDays(7);

    /// <summary>
    /// A triager invites a maintainer by e-mail: a single-use link valid for <see cref="InvitationLifetime"/>, bound to
    /// that address, its token stored only as a hash. The mail names the package (the maintainer must know which of
    /// theirs), never the report's words. Returns the refused field's error, or null.
    /// </summary>
    public async Task<FieldError?> InviteAsync(Guid id, Viewer viewer, string? email, CancellationToken cancellationToken = default)
    {
        var found = await FindVisibleAsync(id, viewer, cancellationToken);
        if (found is not { } visible)
        {
            throw new KeyNotFoundException();
        }

        var (record, _) = visible;
        if (!viewer.IsTriager || string.Equals(record.ReporterId, viewer.UserId, StringComparison.Ordinal))
        {
            return new FieldError(ReportFields.Maintainer, "Only a triager who did not submit the report can invite a maintainer.");
        }

        email = email?.Trim();
        if (string.IsNullOrEmpty(email) || email.Length > 320 || !System.Net.Mail.MailAddress.TryCreate(email, out var address) || address.Address != email)
        {
            return new FieldError(ReportFields.Maintainer, "is not an e-mail address");
        }

        string token = SecretTokens.New();
        var now = time.GetUtcNow().UtcDateTime;
        db.ReportInvitations.Add(new ReportInvitationRecord
        {
            ReportId = id, Email = email, TokenHash = SecretTokens.Hash(token), InvitedBy = viewer.UserId, CreatedAt = now, ExpiresAt = now + InvitationLifetime,
        });
        audit.Record(viewer.UserId, AuditActions.ParticipantChanged, id.ToString(), "invited maintainer");
        outbox.Enqueue(email, $"[Vigil] You are invited to a private vulnerability report about {record.PackageName}",
            $"The Node.js Security Working Group's triage team received a private report about the npm package {record.PackageName}, which you maintain.\n\n" +
            $"Sign in or register with this address ({email}) and open this link within {InvitationLifetime.TotalDays:0} days to join the report; it works once:\n{links.BaseUrl(null)}/invitations/{token}\n");
        await audit.SaveChangesAsync(cancellationToken);
        outbox.Wake();
        return null;
    }

    /// <summary>The invitation behind a link, when it is unused, unexpired and for this viewer's address; else null.</summary>
    public async Task<ReportInvitationRecord?> FindInvitationAsync(string? token, PlatformUser user, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 100)
        {
            return null;
        }

        string hash = SecretTokens.Hash(token);
        var invitation = await db.ReportInvitations.SingleOrDefaultAsync(i => i.TokenHash == hash, cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        return invitation is null || invitation.UsedAt is not null || invitation.ExpiresAt <= now
            || !string.Equals(invitation.Email, user.Email, StringComparison.OrdinalIgnoreCase) || !user.EmailConfirmed
            ? null
            : invitation;
    }

    /// <summary>Uses the invitation: the viewer joins that report, and only it, as a maintainer. Null when the link is no good.</summary>
    public async Task<Guid?> AcceptInvitationAsync(string? token, PlatformUser user, CancellationToken cancellationToken = default)
    {
        var invitation = await FindInvitationAsync(token, user, cancellationToken);
        if (invitation is null)
        {
            return null;
        }

        var now = time.GetUtcNow().UtcDateTime;
        invitation.UsedAt = now;
        string role = RoleName(ParticipantRole.Maintainer);
        if (!await db.ReportParticipants.AnyAsync(p => p.ReportId == invitation.ReportId && p.UserId == user.Id && p.Role == role, cancellationToken))
        {
            db.ReportParticipants.Add(new ReportParticipantRecord { ReportId = invitation.ReportId, UserId = user.Id, Role = role, AddedAt = now });
        }

        audit.Record(user.Id, AuditActions.ParticipantChanged, invitation.ReportId.ToString(), "maintainer joined");
        try
        {
            await audit.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return null;
        }

        return invitation.ReportId;
    }
}
