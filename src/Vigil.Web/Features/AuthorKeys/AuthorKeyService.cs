using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Vigil.Disclosure.AuditTrail;
using Vigil.Disclosure.Reports;
using Vigil.Signing.Authors;
using Vigil.Web.Features.Reports;
using Vigil.Web.Infrastructure.Audit;
using Vigil.Web.Infrastructure.Persistence;

namespace Vigil.Web.Features.AuthorKeys;

/// <summary>A refusal of a key operation, for a 400 (or 409 for a state conflict) naming the field.</summary>
public sealed class AuthorKeyException(string field, string message, bool conflict = false) : Exception(message)
{
    /// <summary>The request field at fault.</summary>
    public string Field { get; } = field;

    /// <summary>True for a conflict with the state (409) rather than bad input (400).</summary>
    public bool Conflict { get; } = conflict;
}

/// <summary>
/// Author signing keys (docs/adr/0011): a maintainer of a package (a maintainer participant on one of its reports)
/// registers a public key by signing a single-use challenge that expires in <see cref="ChallengeLifetime"/> with it
/// (<c>vigil sign --challenge</c>); may replace a key (the old one revoked as <c>superseded</c>); the owner, a triager
/// or an administrator revokes a key. Every change is audited. <see cref="KeyringAsync"/> builds the published keyring.
/// </summary>
public sealed class AuthorKeyService(PlatformDbContext db, AuditLog audit, TimeProvider time)
{
    /// <summary>How long a challenge can be answered.</summary>
    public static readonly TimeSpan ChallengeLifetime = TimeSpan.FromMinutes(15);

    /// <summary>A new challenge for <paramref name="viewer"/> (the text is shown once; only its hash is kept).</summary>
    public async Task<(string Challenge, DateTime ExpiresAt)> IssueChallengeAsync(Viewer viewer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        string challenge = "vigil-challenge-" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var expires = time.GetUtcNow().UtcDateTime + ChallengeLifetime;
        db.Set<AuthorKeyChallengeRecord>().Add(new AuthorKeyChallengeRecord { UserId = viewer.UserId, Hash = Hash(challenge), ExpiresAt = expires });
        await db.SaveChangesAsync(cancellationToken);
        return (challenge, expires);
    }

    /// <summary>Registers a key after checking maintainership and the proof of possession; revokes <paramref name="replaces"/> as superseded.</summary>
    public async Task<AuthorKeyRecord> RegisterAsync(Viewer viewer, string? package, string? publicKey, string? challenge, string? signature, string? replaces, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        package = package?.Trim();
        if (string.IsNullOrEmpty(package) || package.Contains('*', StringComparison.Ordinal) || !Keyring.IsPackagePattern(package))
        {
            throw new AuthorKeyException("package", "The package name is required and must be an npm package name.");
        }

        string maintainer = ReportService.RoleName(ParticipantRole.Maintainer);
        bool maintains = await db.ReportParticipants.AsNoTracking()
            .Where(p => p.UserId == viewer.UserId && p.Role == maintainer)
            .Join(db.Reports.AsNoTracking(), p => p.ReportId, r => r.Id, (p, r) => r.PackageName)
            .AnyAsync(name => name == package, cancellationToken);
        if (!maintains)
        {
            throw new AuthorKeyException("package", $"You are not a maintainer of {package} on this platform (a maintainer on one of its reports).");
        }

        string text = publicKey?.Trim() ?? string.Empty;
        AuthorPublicKey? key;
        string? keyError;
        if (text.Length > 4096 || !(text.StartsWith("-----", StringComparison.Ordinal)
            ? AuthorPublicKey.TryFromPem(text, out key, out keyError)
            : AuthorPublicKey.TryFromBase64(text, out key, out keyError)))
        {
            throw new AuthorKeyException("publicKey", "The public key is not an Ed25519 or P-256 public key (PEM or base64 SPKI).");
        }

        if (string.IsNullOrEmpty(challenge) || challenge.Length > 200 || string.IsNullOrEmpty(signature) || signature.Length > 400)
        {
            throw new AuthorKeyException("challenge", "The challenge and its signature are required.");
        }

        // Single use: the challenge is spent by this attempt whether or not the signature verifies.
        var now = time.GetUtcNow().UtcDateTime;
        string hash = Hash(challenge);
        int spent = await db.Set<AuthorKeyChallengeRecord>()
            .Where(c => c.Hash == hash && c.UserId == viewer.UserId && c.UsedAt == null && c.ExpiresAt > now)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.UsedAt, now), cancellationToken);
        if (spent != 1)
        {
            throw new AuthorKeyException("challenge", "The challenge is unknown, already used or expired: ask for a new one.");
        }

        var signatureBytes = new byte[signature.Length];
        if (!Convert.TryFromBase64String(signature, signatureBytes, out int written)
            || !key!.Verify(SignedMessage.ForKeyChallenge(challenge, key.KeyId), signatureBytes.AsSpan(0, written)))
        {
            throw new AuthorKeyException("signature", "The signature is not the key's signature of the challenge (vigil sign --challenge <challenge> --key <private key>).");
        }

        var keys = db.Set<AuthorKeyRecord>();
        if (await keys.AnyAsync(k => k.Package == package && k.KeyId == key.KeyId && k.RevokedAt == null, cancellationToken))
        {
            throw new AuthorKeyException("publicKey", $"{key.KeyId} is already registered for {package}.", conflict: true);
        }

        var record = new AuthorKeyRecord
        {
            UserId = viewer.UserId, Package = package, KeyId = key.KeyId, Algorithm = AuthorKeyAlgorithms.Name(key.Algorithm),
            PublicKey = key.SpkiBase64, ValidFrom = now,
        };
        if (!string.IsNullOrEmpty(replaces))
        {
            var old = await keys.SingleOrDefaultAsync(k => k.Package == package && k.KeyId == replaces && k.UserId == viewer.UserId && k.RevokedAt == null, cancellationToken)
                ?? throw new AuthorKeyException("replaces", $"You have no active key {replaces} for {package}.");
            Revoke(old, viewer, Keyring.Superseded, now);
        }

        keys.Add(record);
        audit.Record(viewer.UserId, AuditActions.AuthorKeyRegistered, package, key.KeyId);
        await audit.SaveChangesAsync(cancellationToken);
        return record;
    }

    /// <summary>Revokes a key: its owner, a triager or an administrator; false when the viewer may not see it (404).</summary>
    public async Task<bool> RevokeAsync(Viewer viewer, long id, string? reason, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        var record = await db.Set<AuthorKeyRecord>().SingleOrDefaultAsync(k => k.Id == id, cancellationToken);
        if (record is null || !(record.UserId == viewer.UserId || viewer.IsTriager || viewer.IsAdministrator))
        {
            return false;
        }

        reason = reason?.Trim();
        if (string.IsNullOrEmpty(reason) || reason.Length > 200 || reason.Any(char.IsControl))
        {
            throw new AuthorKeyException("reason", "The reason is required (superseded, compromised, or a few words; at most 200 characters).");
        }

        if (record.RevokedAt is not null)
        {
            throw new AuthorKeyException("id", "The key is already revoked.", conflict: true);
        }

        Revoke(record, viewer, reason, time.GetUtcNow().UtcDateTime);
        await audit.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>The viewer's keys, newest first.</summary>
    public Task<List<AuthorKeyRecord>> ListAsync(Viewer viewer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        return db.Set<AuthorKeyRecord>().AsNoTracking().Where(k => k.UserId == viewer.UserId).OrderByDescending(k => k.Id).ToListAsync(cancellationToken);
    }

    /// <summary>
    /// The keyring: every key ever registered (revoked ones with their revocation). Its version is one more than the
    /// number of registrations and revocations, which only grows, since rows are never deleted.
    /// </summary>
    public async Task<Keyring> KeyringAsync(CancellationToken cancellationToken)
    {
        var rows = await db.Set<AuthorKeyRecord>().AsNoTracking().OrderBy(k => k.Id).ToListAsync(cancellationToken);
        var entries = ImmutableArray.CreateBuilder<KeyringEntry>(rows.Count);
        var issued = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        foreach (var row in rows)
        {
            if (!AuthorPublicKey.TryFromBase64(row.PublicKey, out var key, out _))
            {
                continue; // stored only after it parsed: never the case
            }

            entries.Add(new KeyringEntry(row.Package, row.UserId, key!, Utc(row.ValidFrom), row.RevokedAt is { } r ? Utc(r) : null, row.RevokedReason));
            issued = Max(issued, Max(row.ValidFrom, row.RevokedAt ?? row.ValidFrom));
        }

        return new Keyring(1 + rows.Count + rows.Count(r => r.RevokedAt is not null), Utc(issued), entries.ToImmutable());
    }

    private void Revoke(AuthorKeyRecord record, Viewer viewer, string reason, DateTime now)
    {
        record.RevokedAt = now;
        record.RevokedReason = reason;
        record.RevokedBy = viewer.UserId;
        audit.Record(viewer.UserId, AuditActions.AuthorKeyRevoked, record.Package, $"{record.KeyId}: {reason}");
    }

    private static DateTimeOffset Utc(DateTime time) => new(DateTime.SpecifyKind(time, DateTimeKind.Utc));

    private static DateTime Max(DateTime a, DateTime b) => a > b ? a : b;

    private static string Hash(string challenge) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(challenge)));
}
