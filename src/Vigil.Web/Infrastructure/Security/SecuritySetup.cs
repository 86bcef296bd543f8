using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Vigil.Web.Infrastructure.Persistence;

namespace Vigil.Web.Infrastructure.Security;

/// <summary>Policy names beyond the roles and scopes.</summary>
public static class Policies
{
    /// <summary>A person signed in with the session cookie (not a token): account management.</summary>
    public const string Interactive = "interactive";

    /// <summary>An administrator.</summary>
    public const string Administrator = "administrator";
}

/// <summary>
/// Identity, sessions and tokens, authorization (authenticated by default), anti-forgery and the data
/// protection key ring.
/// </summary>
public static class SecuritySetup
{
    /// <summary>The authentication scheme that picks the cookie or, under <c>/api</c>, a bearer token.</summary>
    public const string CookieOrToken = "vigil";

    public static IServiceCollection AddPlatformSecurity(this IServiceCollection services, IConfiguration configuration)
    {
        // Secure cookies always when the platform's public address is https (also behind a TLS-terminating proxy);
        // otherwise secure on https requests, so that `vigil serve --urls http://127.0.0.1:5000` works on a laptop.
        var secure = (configuration["Vigil:PublicUrl"] ?? string.Empty).StartsWith("https://", StringComparison.OrdinalIgnoreCase)
            ? CookieSecurePolicy.Always
            : CookieSecurePolicy.SameAsRequest;
        services.TryAddSingleton(TimeProvider.System);
        services.AddSecretCipher(configuration);
        services.AddHttpContextAccessor();
        services.AddIdentity<PlatformUser, IdentityRole>(options =>
            {
                options.SignIn.RequireConfirmedEmail = true;
                options.User.RequireUniqueEmail = true;
                // NIST 800-63B: length over composition rules.
                options.Password.RequiredLength = 12;
                options.Password.RequireDigit = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireNonAlphanumeric = false;
                options.Lockout.AllowedForNewUsers = true;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                options.Tokens.AuthenticatorTokenProvider = TotpTokenProvider.Name;
            })
            .AddUserStore<PlatformUserStore>()
            .AddRoleStore<RoleStore<IdentityRole, PlatformDbContext>>()
            .AddUserManager<PlatformUserManager>()
            .AddSignInManager<PlatformSignInManager>()
            // Only these two providers: e-mail confirmation links, and our TOTP (no e-mail or SMS second factor).
            .AddTokenProvider<DataProtectorTokenProvider<PlatformUser>>(TokenOptions.DefaultProvider)
            .AddTokenProvider<TotpTokenProvider>(TotpTokenProvider.Name);
        services.Configure<DataProtectionTokenProviderOptions>(o => o.TokenLifespan = TimeSpan.FromDays(2));

        services.ConfigureApplicationCookie(options =>
        {
            options.Cookie.Name = "vigil.session";
            options.Cookie.HttpOnly = true;
            options.Cookie.SecurePolicy = secure;
            // Lax, not Strict: a link from an e-mail to a page of the platform must arrive signed in.
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.LoginPath = "/account/sign-in";
            options.LogoutPath = "/account/sign-out";
            options.AccessDeniedPath = "/account/access-denied";
            options.ExpireTimeSpan = TimeSpan.FromHours(8);
            options.SlidingExpiration = true;
            options.Events.OnRedirectToLogin = context => ApiStatusOrRedirect(context, StatusCodes.Status401Unauthorized);
            options.Events.OnRedirectToAccessDenied = context => ApiStatusOrRedirect(context, StatusCodes.Status403Forbidden);
            options.Events.OnValidatePrincipal = ValidateOnEveryRequest;
        });
        services.Configure<CookieAuthenticationOptions>(IdentityConstants.TwoFactorUserIdScheme, options =>
        {
            options.Cookie.Name = "vigil.2fa";
            options.Cookie.SecurePolicy = secure;
            options.Cookie.SameSite = SameSiteMode.Strict;
        });
        services.Configure<CookieAuthenticationOptions>(IdentityConstants.ExternalScheme, options =>
            options.Cookie.SecurePolicy = secure);

        services.AddAuthentication(options =>
            {
                options.DefaultScheme = CookieOrToken;
                options.DefaultAuthenticateScheme = CookieOrToken;
                options.DefaultChallengeScheme = CookieOrToken;
                options.DefaultForbidScheme = CookieOrToken;
            })
            .AddPolicyScheme(CookieOrToken, "Session cookie, or a bearer token under /api", options =>
                // A token never opens a page: pages (and their forms) are for the session cookie only.
                options.ForwardDefaultSelector = context =>
                    context.Request.Path.StartsWithSegments("/api") && ApiTokenAuthenticationHandler.HasBearer(context.Request)
                        ? ApiTokenAuthenticationHandler.SchemeName
                        : IdentityConstants.ApplicationScheme)
            .AddScheme<AuthenticationSchemeOptions, ApiTokenAuthenticationHandler>(ApiTokenAuthenticationHandler.SchemeName, null);

        var authorization = services.AddAuthorizationBuilder()
            // Every route requires a signed-in user unless it says otherwise ([AllowAnonymous], AllowAnonymous()).
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(Policies.Administrator, p => p.RequireAuthenticatedUser().RequireRole(Roles.Administrator))
            .AddPolicy(Policies.Interactive, p => p.RequireAuthenticatedUser()
                .RequireAssertion(c => c.User.Identity?.AuthenticationType == IdentityConstants.ApplicationScheme));
        foreach (string scope in Scopes.All)
        {
            authorization.AddPolicy(Scopes.Policy(scope), p => p.RequireAuthenticatedUser().AddRequirements(new ScopeRequirement(scope)));
        }

        services.AddSingleton<IAuthorizationHandler, ScopeRequirementHandler>();
        services.AddScoped<ApiTokenService>();

        services.AddAntiforgery(options =>
        {
            options.HeaderName = ApiAntiforgery.HeaderName;
            options.Cookie.Name = "vigil.csrf";
            options.Cookie.SecurePolicy = secure;
            options.Cookie.SameSite = SameSiteMode.Strict;
        });

        // In the database, so that several instances share one key ring; its master keys sealed with the key file.
        services.AddDataProtection().SetApplicationName("vigil").PersistKeysToDbContext<PlatformDbContext>();
        services.AddOptions<KeyManagementOptions>()
            .Configure<SecretCipher>((options, cipher) => options.XmlEncryptor = new SealedKeyRingEncryptor(cipher));
        return services;
    }

    /// <summary>
    /// Makes the key ring's first key now, under the start-up lock, when the database has none: instances started
    /// at once then share that one key instead of each making its own (cookies of one would be unknown to the
    /// other until its key ring is read again).
    /// </summary>
    public static void EnsureKeyRing(this IServiceProvider services) =>
        services.GetRequiredService<IDataProtectionProvider>().CreateProtector("vigil:start").Protect([1]);

    /// <summary>
    /// The key file's ciphers (<see cref="SecretCipher"/>), opened at start: a missing or unreadable key must stop
    /// the server, not the first report or sign-in.
    /// </summary>
    public static IServiceCollection AddSecretCipher(this IServiceCollection services, IConfiguration configuration)
    {
        string keyFile = KeyRotation.KeyFile(configuration);
        services.TryAddSingleton(_ => SecretCipher.OpenOrCreate(keyFile));
        return services;
    }

    private static Task ApiStatusOrRedirect(RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        if (context.Request.Path.StartsWithSegments("/api"))
        {
            context.Response.StatusCode = status;
            return Task.CompletedTask;
        }

        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }

    /// <summary>
    /// Checks the session against the user's security stamp on every request. Identity's own validator checks
    /// only after an interval (30 minutes by default) and re-issues the cookie; disabling an account, changing
    /// its password, roles or second factor must end its sessions at once (ASVS 7.4.2).
    /// </summary>
    private static async Task ValidateOnEveryRequest(CookieValidatePrincipalContext context)
    {
        var signIn = context.HttpContext.RequestServices.GetRequiredService<SignInManager<PlatformUser>>();
        if (await signIn.ValidateSecurityStampAsync(context.Principal) is null)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
        }
    }
}
