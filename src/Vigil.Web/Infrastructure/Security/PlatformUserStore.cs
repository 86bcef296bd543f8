using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Vigil.Web.Infrastructure.Persistence;

namespace Vigil.Web.Infrastructure.Security;

/// <summary>
/// Identity's EF Core user store, with recovery codes kept hashed, one row each, in <c>platform_recovery_codes</c>
/// (Identity's own store keeps them as plain text joined in one token row).
/// </summary>
public sealed class PlatformUserStore(PlatformDbContext context, IdentityErrorDescriber? describer = null)
    : UserStore<PlatformUser, IdentityRole, PlatformDbContext>(context, describer)
{
    /// <inheritdoc/>
    public override async Task ReplaceCodesAsync(PlatformUser user, IEnumerable<string> recoveryCodes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(recoveryCodes);
        // Added to the context, not saved: UserManager saves them with the user, in one transaction.
        var old = await Context.RecoveryCodes.Where(c => c.UserId == user.Id).ToListAsync(cancellationToken);
        Context.RecoveryCodes.RemoveRange(old);
        foreach (string code in recoveryCodes)
        {
            Context.RecoveryCodes.Add(new RecoveryCode { UserId = user.Id, Hash = RecoveryCodes.Hash(code) });
        }
    }

    /// <inheritdoc/>
    public override async Task<bool> RedeemCodeAsync(PlatformUser user, string code, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(code);
        var stored = await Context.RecoveryCodes.AsNoTracking().Where(c => c.UserId == user.Id).ToListAsync(cancellationToken);
        var match = stored.FirstOrDefault(c => RecoveryCodes.Verify(code, c.Hash));
        if (match is null)
        {
            return false;
        }

        // One DELETE decides: of two requests racing with the same code, only one deletes the row.
        return await Context.RecoveryCodes.Where(c => c.Id == match.Id).ExecuteDeleteAsync(cancellationToken) == 1;
    }

    /// <inheritdoc/>
    public override Task<int> CountCodesAsync(PlatformUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        return Context.RecoveryCodes.CountAsync(c => c.UserId == user.Id, cancellationToken);
    }
}
