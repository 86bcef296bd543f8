using Microsoft.EntityFrameworkCore;
using Vigil.Web.Infrastructure.Persistence;

namespace Vigil.Web.Infrastructure.Security;

/// <summary>Creates, lists and revokes personal API tokens. A token is shown once; the database keeps its hash (<see cref="SecretTokens"/>).</summary>
public sealed class ApiTokenService(PlatformDbContext db, TimeProvider time)
{
    /// <summary>Every token starts with this, so that secret scanners can find leaked ones.</summary>
    public const string Prefix = "vigil_";

    /// <summary>The longest lifetime a token can have.</summary>
    public static readonly TimeSpan MaxLifetime = TimeSpan.FromDays(366);

    /// <summary>Creates a token; the returned text is the only copy of the secret.</summary>
    /// <exception cref="ArgumentException">An unknown scope, no scope, a bad name or lifetime.</exception>
    public async Task<(ApiToken Token, string Secret)> CreateAsync(string userId, string name, IReadOnlyCollection<string> scopes, TimeSpan lifetime, CancellationToken cancellationToken = default)
    {
        name = name.Trim();
        if (name.Length is 0 or > 100)
        {
            throw new ArgumentException("A token needs a name of 1 to 100 characters.", nameof(name));
        }

        // One line of text: a NUL cannot be stored in PostgreSQL, and no control character belongs in a name.
        if (name.Any(c => char.IsControl(c) || c is '\u2028' or '\u2029'))
        {
            throw new ArgumentException("A token name must be one line of text, without control characters.", nameof(name));
        }

        if (scopes.Count == 0 || scopes.Any(s => !Scopes.All.Contains(s)))
        {
            throw new ArgumentException($"A token needs one or more of the scopes {string.Join(", ", Scopes.All)}.", nameof(scopes));
        }

        if (lifetime <= TimeSpan.Zero || lifetime > MaxLifetime)
        {
            throw new ArgumentException("A token lives between 1 and 366 days.", nameof(lifetime));
        }

        string secret = Prefix + SecretTokens.New();
        var now = time.GetUtcNow().UtcDateTime;
        var token = new ApiToken
        {
            Id = Guid.CreateVersion7(),
            UserId = userId,
            Name = name,
            Hash = SecretTokens.Hash(secret),
            Prefix = secret[..(Prefix.Length + 4)],
            Scopes = string.Join(' ', scopes.Distinct().Order(StringComparer.Ordinal)),
            CreatedAt = now,
            ExpiresAt = now + lifetime,
        };
        db.ApiTokens.Add(token);
        await db.SaveChangesAsync(cancellationToken);
        return (token, secret);
    }

    /// <summary>A user's tokens, newest first.</summary>
    public Task<List<ApiToken>> ListAsync(string userId, CancellationToken cancellationToken = default) =>
        db.ApiTokens.AsNoTracking().Where(t => t.UserId == userId).OrderByDescending(t => t.Id).ToListAsync(cancellationToken);

    /// <summary>Revokes one of the user's tokens; false when there is no such live token.</summary>
    public async Task<bool> RevokeAsync(string userId, Guid id, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        return await db.ApiTokens
            .Where(t => t.Id == id && t.UserId == userId && t.RevokedAt == null)
            .ExecuteUpdateAsync(t => t.SetProperty(x => x.RevokedAt, now), cancellationToken) == 1;
    }

    /// <summary>Revokes every live token of the user (a password reset); returns how many.</summary>
    public Task<int> RevokeAllAsync(string userId, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        return db.ApiTokens
            .Where(t => t.UserId == userId && t.RevokedAt == null)
            .ExecuteUpdateAsync(t => t.SetProperty(x => x.RevokedAt, now), cancellationToken);
    }
}
