using Microsoft.EntityFrameworkCore;
using Vigil.Web.Infrastructure.Mail;
using Vigil.Web.Infrastructure.Persistence;

namespace Vigil.Web.Infrastructure.Security;

/// <summary>
/// At start, after the migrations: seals what an earlier version stored in clear, so that the database holds no
/// secret a copy of it could use.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>TOTP secrets stored plain are sealed in place (<see cref="TotpSecrets"/>); their owners keep their app.</item>
/// <item>Outbox messages stored plain are sealed in place (<see cref="MailOutbox.Seal"/>), delivered or not.</item>
/// <item>Data protection keys stored with their master key in clear are deleted, not sealed: whoever copied the
/// database before could already use them, so they must not sign or decrypt anything again. Sessions, anti-forgery
/// tokens and e-mail confirmation links made with them stop working (people sign in again); a new, sealed key is
/// made on first use.</item>
/// </list>
/// Each step touches only rows not yet sealed, so running it on every start costs one query per table.
/// </remarks>
public static partial class SecretsAtRest
{
    /// <summary>Seals the plain values left by an earlier version; returns how many rows changed.</summary>
    public static async Task<int> SealPlainSecretsAsync(this IServiceProvider services, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(services);
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
        var cipher = scope.ServiceProvider.GetRequiredService<SecretCipher>();
        var logger = scope.ServiceProvider.GetRequiredService<ILogger<SecretCipher>>();

        var users = await db.Users.Where(u => u.TotpSecret != null && !u.TotpSecret.StartsWith(SecretCipher.TextPrefix)).ToListAsync(cancellationToken);
        foreach (var user in users)
        {
            TotpSecrets.Set(user, user.TotpSecret!, cipher);
        }

        var mail = await db.Outbox.Where(m => !m.Subject.StartsWith(SecretCipher.TextPrefix) || !m.TextBody.StartsWith(SecretCipher.TextPrefix)).ToListAsync(cancellationToken);
        foreach (var message in mail)
        {
            MailOutbox.Seal(message, cipher);
        }

        int changed = await db.SaveChangesAsync(cancellationToken);
        int keys = await db.DataProtectionKeys.Where(k => k.Xml != null && k.Xml.Contains("<masterKey")).ExecuteDeleteAsync(cancellationToken);
        if (users.Count + mail.Count + keys > 0)
        {
            if (db.Database.IsSqlite())
            {
                // The plain values are still in the file's free pages and in the write-ahead log: rewrite the file
                // and empty the log, so that the bytes on disk hold them no more. (PostgreSQL keeps old row versions
                // until autovacuum; `VACUUM FULL` rewrites its tables at once.)
                await db.Database.ExecuteSqlRawAsync("VACUUM", cancellationToken);
                await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE)", cancellationToken);
            }

            LogSealed(logger, users.Count, mail.Count, keys);
        }

        return changed + keys;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Secrets at rest: sealed {Users} plain TOTP secrets and {Mail} plain outbox messages; deleted {Keys} data protection keys stored in clear")]
    private static partial void LogSealed(ILogger logger, int users, int mail, int keys);
}
