namespace Vigil.Web.Infrastructure.Persistence;

/// <summary>A single-use recovery code, stored only as a salted hash.</summary>
public sealed class RecoveryCode
{
    public long Id { get; set; }

    public required string UserId { get; set; }

    /// <summary>PBKDF2 of the code: base64 salt, a colon, base64 hash.</summary>
    public required string Hash { get; set; }
}

/// <summary>A personal API token. The token itself is shown once; only its SHA-256 hash is stored.</summary>
public sealed class ApiToken
{
    public Guid Id { get; set; }

    public required string UserId { get; set; }

    /// <summary>What the owner called it.</summary>
    public required string Name { get; set; }

    /// <summary>The SHA-256 of the token, lower-case hex.</summary>
    public required string Hash { get; set; }

    /// <summary>The first characters of the token, so that its owner recognises it.</summary>
    public required string Prefix { get; set; }

    /// <summary>The scopes, separated by spaces.</summary>
    public required string Scopes { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime ExpiresAt { get; set; }

    public DateTime? RevokedAt { get; set; }
}

/// <summary>A one-time sign-in link (first start), stored as the SHA-256 hash of its token.</summary>
public sealed class SignInLink
{
    public long Id { get; set; }

    public required string UserId { get; set; }

    public required string Hash { get; set; }

    public DateTime ExpiresAt { get; set; }

    public DateTime? UsedAt { get; set; }
}

/// <summary>An e-mail waiting to be delivered, written in the same transaction as the change that caused it.</summary>
public sealed class OutboxMessage
{
    public long Id { get; set; }

    /// <summary>The Message-ID header, fixed at enqueue and reused on every retry (without angle brackets).</summary>
    public required string MessageId { get; set; }

    public required string To { get; set; }

    /// <summary>The subject, sealed in the table (see <c>MailOutbox</c>); plain only in the copy the worker sends.</summary>
    public required string Subject { get; set; }

    /// <summary>The plain-text body, sealed in the table (see <c>MailOutbox</c>); plain only in the copy the worker sends.</summary>
    public required string TextBody { get; set; }

    public DateTime CreatedAt { get; set; }

    /// <summary>How many deliveries were started.</summary>
    public int Attempts { get; set; }

    /// <summary>Not to be tried before this time.</summary>
    public DateTime NextAttemptAt { get; set; }

    /// <summary>A worker holds the message until this time; after it, another may claim it (a crashed worker's lease ends).</summary>
    public DateTime? ClaimedUntil { get; set; }

    public DateTime? SentAt { get; set; }

    /// <summary>The last failure's kind and message, for operators (never logged with the recipient).</summary>
    public string? LastError { get; set; }
}
