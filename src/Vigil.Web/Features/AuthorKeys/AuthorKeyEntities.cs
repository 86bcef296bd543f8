using Microsoft.EntityFrameworkCore;

namespace Vigil.Web.Features.AuthorKeys;

/// <summary>
/// An author signing key a maintainer registered for a package (proof of possession checked), as the keyring lists it.
/// Rows are never deleted (a revocation is a new state of the row), so the keyring's version only grows.
/// </summary>
public sealed class AuthorKeyRecord
{
    public long Id { get; set; }

    /// <summary>The account that registered it (published in the keyring as its opaque id, never an e-mail address).</summary>
    public required string UserId { get; set; }

    public required string Package { get; set; }

    public required string KeyId { get; set; }

    /// <summary><c>ed25519</c> or <c>ecdsa-p256</c>.</summary>
    public required string Algorithm { get; set; }

    /// <summary>The SubjectPublicKeyInfo, base64.</summary>
    public required string PublicKey { get; set; }

    public DateTime ValidFrom { get; set; }

    public DateTime? RevokedAt { get; set; }

    public string? RevokedReason { get; set; }

    public string? RevokedBy { get; set; }
}

/// <summary>A key registration challenge: single use, expiring, kept as its SHA-256 only.</summary>
public sealed class AuthorKeyChallengeRecord
{
    public long Id { get; set; }

    public required string UserId { get; set; }

    /// <summary>Hex SHA-256 of the challenge text.</summary>
    public required string Hash { get; set; }

    public DateTime ExpiresAt { get; set; }

    public DateTime? UsedAt { get; set; }
}

/// <summary>The author keys feature's tables, called from the platform's DbContext.</summary>
internal static class AuthorKeyModel
{
    public static void Configure(ModelBuilder builder)
    {
        builder.Entity<AuthorKeyRecord>(e =>
        {
            e.ToTable("platform_author_keys");
            e.Property(k => k.UserId).HasMaxLength(450);
            e.Property(k => k.Package).HasMaxLength(214);
            e.Property(k => k.KeyId).HasMaxLength(100);
            e.Property(k => k.Algorithm).HasMaxLength(20);
            e.Property(k => k.PublicKey).HasMaxLength(400);
            e.Property(k => k.RevokedReason).HasMaxLength(200);
            e.Property(k => k.RevokedBy).HasMaxLength(450);
            e.HasIndex(k => k.UserId);
            e.HasIndex(k => new { k.Package, k.KeyId });
        });
        builder.Entity<AuthorKeyChallengeRecord>(e =>
        {
            e.ToTable("platform_author_key_challenges");
            e.Property(c => c.UserId).HasMaxLength(450);
            e.Property(c => c.Hash).HasMaxLength(64);
            e.HasIndex(c => c.Hash).IsUnique();
            e.HasOne<Infrastructure.Persistence.PlatformUser>().WithMany().HasForeignKey(c => c.UserId).OnDelete(DeleteBehavior.Cascade);
        });
    }
}
