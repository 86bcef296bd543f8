using System.Globalization;
using System.Net;
using System.Security.Claims;
using System.Threading.RateLimiting;

namespace Vigil.Web.Infrastructure.Security;

/// <summary>How many requests each limited action allows per client and window (<c>Vigil:RateLimits</c>).</summary>
public sealed class RateLimitSettings
{
    /// <summary>Sign-in attempts (password, first-start link) per client address.</summary>
    public int SignIn { get; set; } = 10;

    /// <summary>Second-factor attempts (TOTP or recovery code) per client address.</summary>
    public int TwoFactor { get; set; } = 10;

    /// <summary>Registrations per client address.</summary>
    public int Register { get; set; } = 5;

    /// <summary>Password-reset requests and resets per client address.</summary>
    public int PasswordReset { get; set; } = 5;

    /// <summary>API calls per user (or client address when anonymous).</summary>
    public int Api { get; set; } = 300;

    /// <summary>Calls to the public advisory service (OSV API, npm audit endpoints, snapshots) per client address.</summary>
    public int PublicApi { get; set; } = 6000;

    /// <summary>The window, in seconds.</summary>
    public int WindowSeconds { get; set; } = 60;
}

/// <summary>The rate-limit policies: 429 with <c>Retry-After</c> when a client goes over.</summary>
public static class RateLimits
{
    public const string SignIn = "sign-in";
    public const string TwoFactor = "two-factor";
    public const string Register = "register";
    public const string Api = "api";
    public const string PasswordReset = "password-reset";
    public const string PublicApi = "public-api";

    public static IServiceCollection AddRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = configuration.GetSection("Vigil:RateLimits").Get<RateLimitSettings>() ?? new RateLimitSettings();
        var window = TimeSpan.FromSeconds(settings.WindowSeconds);
        return services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = async (context, cancellationToken) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : window;
                context.HttpContext.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                await Results.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests; try again later.")
                    .ExecuteAsync(context.HttpContext);
            };
            // Forms are limited where they are posted: showing the form is free.
            options.AddPolicy(SignIn, context => PostsByAddress(context, SignIn, settings.SignIn, window));
            options.AddPolicy(TwoFactor, context => PostsByAddress(context, TwoFactor, settings.TwoFactor, window));
            options.AddPolicy(Register, context => PostsByAddress(context, Register, settings.Register, window));
            options.AddPolicy(PasswordReset, context => PostsByAddress(context, PasswordReset, settings.PasswordReset, window));
            // The public service is anonymous: one budget per client address, over every method.
            options.AddPolicy(PublicApi, context => Fixed("public:" + Address(context), settings.PublicApi, window));
            options.AddPolicy(Api, context => Fixed("api:" + (context.User.FindFirstValue(ClaimTypes.NameIdentifier) ?? Address(context)), settings.Api, window));
        });
    }

    private static RateLimitPartition<string> PostsByAddress(HttpContext context, string name, int permits, TimeSpan window) =>
        HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method)
            ? RateLimitPartition.GetNoLimiter(name)
            : Fixed(name + ":" + Address(context), permits, window);

    private static RateLimitPartition<string> Fixed(string key, int permits, TimeSpan window) =>
        RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permits,
            Window = window,
            QueueLimit = 0,
        });

    /// <summary>The client's address: the TCP peer, or what a trusted proxy forwarded (see <see cref="ProxySetup"/>).</summary>
    private static string Address(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? IPAddress.None.ToString();
}
