using Microsoft.AspNetCore.Identity;

namespace Vigil.Web.Infrastructure.Persistence;

/// <summary>A person with an account on the platform: Identity's user plus what Vigil adds.</summary>
public sealed class PlatformUser : IdentityUser
{
    /// <summary>When the account was created (UTC).</summary>
    public DateTime CreatedAt { get; set; }

    /// <summary>When an administrator disabled the account (UTC); a disabled account cannot sign in or use tokens.</summary>
    public DateTime? DisabledAt { get; set; }

    /// <summary>
    /// The TOTP secret, once enrolment started, sealed with the key file (read and written only through
    /// <c>TotpSecrets</c>); 2FA is on only when <c>TwoFactorEnabled</c>.
    /// </summary>
    public string? TotpSecret { get; set; }

    /// <summary>The last TOTP time step accepted: a code for this step or an earlier one is a replay.</summary>
    public long? LastTotpStep { get; set; }
}
