using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Vigil.Disclosure.AuditTrail;
using Vigil.Web.Infrastructure.Audit;
using Vigil.Web.Infrastructure.Mail;
using Vigil.Web.Infrastructure.Persistence;
using Vigil.Web.Infrastructure.Security;

namespace Vigil.Web.Features.Accounts;

/// <summary>
/// Password reset by e-mail. A link holds a random secret; only its hash is kept (one per account, in Identity's
/// user-token table), it works once and for <see cref="Lifetime"/>. A reset sets the new password, ends the
/// account's sessions (new security stamp) and revokes its API tokens (whoever knew the old password may have
/// made one), lifts a lockout, and is audited; it never signs in, so an account with
/// two-factor sign-in still needs its second factor (ASVS 6.4.3).
/// </summary>
public sealed class PasswordResets(
    PlatformDbContext db, UserManager<PlatformUser> users, ApiTokenService tokens, MailOutbox outbox, AuditLog audit, AccountLinks links, TimeProvider time)
{
    /// <summary>How long a link works.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(30);

    /// <summary>At most one mail per account in this time, whoever asks from wherever.</summary>
    public static readonly TimeSpan MailInterval = TimeSpan.FromMinutes(2);

    private const string Provider = "vigil";
    private const string Purpose = "password-reset";

    /// <summary>
    /// Sends a link when <paramref name="email"/> belongs to a confirmed, enabled account and no link was sent in the
    /// last <see cref="MailInterval"/>. The caller answers the same whatever happened.
    /// </summary>
    public async Task RequestAsync(string email, CancellationToken cancellationToken = default)
    {
        var user = await users.FindByEmailAsync(email.Trim());
        if (user is null || !user.EmailConfirmed || user.DisabledAt is not null || user.Email is null)
        {
            return;
        }

        var now = time.GetUtcNow().UtcDateTime;
        var existing = await db.UserTokens.SingleOrDefaultAsync(t => t.UserId == user.Id && t.LoginProvider == Provider && t.Name == Purpose, cancellationToken);
        if (existing is not null)
        {
            if (Parse(existing.Value) is { } issued && now - issued.CreatedAt < MailInterval)
            {
                return;
            }

            db.UserTokens.Remove(existing);
        }

        string secret = SecretTokens.New();
        db.UserTokens.Add(new IdentityUserToken<string>
        {
            UserId = user.Id,
            LoginProvider = Provider,
            Name = Purpose,
            Value = SecretTokens.Hash(secret) + ":" + now.Ticks.ToString(CultureInfo.InvariantCulture),
        });
        outbox.Enqueue(user.Email, "Reset your Vigil password",
            $"Someone (we hope you) asked to reset the password of your Vigil account.\n\n" +
            $"Open this link within {Lifetime.TotalMinutes:0} minutes to choose a new password; it works once:\n{links.BaseUrl(null)}/account/reset-password/{secret}\n\n" +
            "If you did not ask, ignore this message: your password stays as it is.\n");
        audit.Record(user.Id, AuditActions.PasswordResetRequested, user.Id);
        await audit.SaveChangesAsync(cancellationToken);
        outbox.Wake();
    }

    /// <summary>The account a link is for, when the link is unused and unexpired; else null.</summary>
    public async Task<PlatformUser?> FindAsync(string? secret, CancellationToken cancellationToken = default)
    {
        var row = await FindRowAsync(secret, cancellationToken);
        return row is null ? null : await users.FindByIdAsync(row.UserId);
    }

    /// <summary>
    /// Uses the link and sets <paramref name="password"/>. Returns the errors to show (an empty list on success), or
    /// null when the link does not work (used, expired, unknown, or the account was disabled).
    /// </summary>
    public async Task<IReadOnlyList<string>?> ResetAsync(string? secret, string password, CancellationToken cancellationToken = default)
    {
        var row = await FindRowAsync(secret, cancellationToken);
        var user = row is null ? null : await users.FindByIdAsync(row.UserId);
        if (row is null || user is null || user.DisabledAt is not null)
        {
            return null;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // One conditional delete: of two concurrent uses, one wins.
        int used = await db.UserTokens
            .Where(t => t.UserId == row.UserId && t.LoginProvider == Provider && t.Name == Purpose && t.Value == row.Value)
            .ExecuteDeleteAsync(cancellationToken);
        if (used != 1)
        {
            return null;
        }

        // Identity's own reset (validates the password, hashes it, changes the security stamp) with a token made here:
        // the link's secret above is what proves the mailbox.
        string identityToken = await users.GeneratePasswordResetTokenAsync(user);
        var result = await users.ResetPasswordAsync(user, identityToken, password);
        if (!result.Succeeded)
        {
            return result.Errors.Select(e => e.Description).ToList();
        }

        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
        int revoked = await tokens.RevokeAllAsync(user.Id, cancellationToken);
        outbox.Enqueue(user.Email!, "Your Vigil password was changed",
            "The password of your Vigil account was just reset with a link sent to this address, every signed-in session was ended" +
            (revoked == 0 ? ".\n\n" : $" and your {revoked} API token{(revoked == 1 ? " was" : "s were")} revoked: make new ones on your account page.\n\n") +
            "If this was not you, reset it again at once and tell the Security WG.\n");
        audit.Record(user.Id, AuditActions.PasswordReset, user.Id, revoked == 0 ? string.Empty : $"tokens-revoked={revoked}");
        await audit.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        outbox.Wake();
        return [];
    }

    private async Task<IdentityUserToken<string>?> FindRowAsync(string? secret, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(secret) || secret.Length > 100)
        {
            return null;
        }

        string prefix = SecretTokens.Hash(secret) + ":";
        var row = await db.UserTokens.AsNoTracking()
            .Where(t => t.LoginProvider == Provider && t.Name == Purpose && t.Value!.StartsWith(prefix))
            .FirstOrDefaultAsync(cancellationToken);
        return row is not null && Parse(row.Value) is { } issued && issued.CreatedAt + Lifetime > time.GetUtcNow().UtcDateTime ? row : null;
    }

    private static (string Hash, DateTime CreatedAt)? Parse(string? value)
    {
        string[] parts = (value ?? string.Empty).Split(':');
        return parts.Length == 2 && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out long ticks) && ticks is >= 0 and <= 3155378975999999999
            ? (parts[0], new DateTime(ticks, DateTimeKind.Utc))
            : null;
    }
}
