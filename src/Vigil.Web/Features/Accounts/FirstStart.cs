using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Vigil.Web.Infrastructure.Persistence;
using Vigil.Web.Infrastructure.Security;

namespace Vigil.Web.Features.Accounts;

/// <summary>Where the first-start sign-in link is printed: standard output, never the log.</summary>
public sealed class FirstStartOutput(TextWriter writer)
{
    /// <summary>Where the link goes.</summary>
    public TextWriter Writer { get; } = writer;
}

/// <summary>
/// First start: when no administrator has a password yet (a new database, or a link that was never used), an
/// administrator account gets a one-time sign-in link, valid for 24 hours, single use, stored only as a hash.
/// The link leads to setting a password and then two-factor sign-in.
/// </summary>
public sealed class FirstStart(PlatformDbContext db, UserManager<PlatformUser> users, RoleManager<IdentityRole> roles, TimeProvider time, IConfiguration configuration)
{
    /// <summary>How long the link works.</summary>
    public static readonly TimeSpan LinkLifetime = TimeSpan.FromHours(24);

    /// <summary>
    /// Instances started together print one link: a link made less than this long ago by another instance (start-up
    /// runs under <c>StartupLock</c>, one instance after the other) stands, and this instance prints none.
    /// </summary>
    public static readonly TimeSpan SiblingWindow = TimeSpan.FromMinutes(2);

    /// <summary>Creates the roles that are missing.</summary>
    public async Task EnsureRolesAsync()
    {
        foreach (string role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                await roles.CreateAsync(new IdentityRole(role));
            }
        }
    }

    /// <summary>The path of a new sign-in link (<c>/account/welcome/…</c>) when one is needed, else null.</summary>
    public async Task<string?> PrepareAsync()
    {
        var administrators = await users.GetUsersInRoleAsync(Roles.Administrator);
        if (administrators.Any(a => a.PasswordHash is not null))
        {
            return null;
        }

        var admin = administrators.FirstOrDefault();
        if (admin is null)
        {
            string email = configuration["Vigil:AdminEmail"] ?? "admin@localhost";
            admin = new PlatformUser { UserName = email, Email = email, EmailConfirmed = true, CreatedAt = time.GetUtcNow().UtcDateTime };
            var created = await users.CreateAsync(admin);
            if (!created.Succeeded)
            {
                throw new InvalidOperationException("cannot create the first administrator: " + string.Join("; ", created.Errors.Select(e => e.Description)));
            }

            await users.AddToRoleAsync(admin, Roles.Administrator);
        }

        // Another instance of this deployment, started a moment ago, printed a link: that one stands.
        var made = time.GetUtcNow().UtcDateTime - SiblingWindow + LinkLifetime;
        if (await db.SignInLinks.AnyAsync(l => l.UserId == admin.Id && l.UsedAt == null && l.ExpiresAt > made))
        {
            return null;
        }

        // A new link replaces any earlier one.
        await db.SignInLinks.Where(l => l.UserId == admin.Id).ExecuteDeleteAsync();
        string token = SecretTokens.New();
        db.SignInLinks.Add(new SignInLink
        {
            UserId = admin.Id,
            Hash = SecretTokens.Hash(token),
            ExpiresAt = time.GetUtcNow().UtcDateTime + LinkLifetime,
        });
        await db.SaveChangesAsync();
        return "/account/welcome/" + token;
    }
}
