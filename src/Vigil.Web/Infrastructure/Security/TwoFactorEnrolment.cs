using Microsoft.AspNetCore.Identity;
using Vigil.Web.Infrastructure.Persistence;

namespace Vigil.Web.Infrastructure.Security;

/// <summary>
/// Triagers and administrators reach nothing but enrolment (and sign-out) until their second factor is on:
/// pages redirect to <see cref="EnrolmentPath"/>; the API answers 403.
/// </summary>
internal static class TwoFactorEnrolment
{
    public const string EnrolmentPath = "/account/two-factor";

    private static readonly string[] AllowedPaths = [EnrolmentPath, "/account/sign-out", "/error"];

    public static IApplicationBuilder UseTwoFactorEnrolment(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var principal = context.User;
        if (principal.Identity?.IsAuthenticated == true && Roles.RequireTwoFactor.Any(principal.IsInRole)
            && !AllowedPaths.Contains(context.Request.Path.Value, StringComparer.OrdinalIgnoreCase))
        {
            var users = context.RequestServices.GetRequiredService<UserManager<PlatformUser>>();
            if (await users.GetUserAsync(principal) is { TwoFactorEnabled: false })
            {
                if (context.Request.Path.StartsWithSegments("/api") || principal.Identity.AuthenticationType == ApiTokenAuthenticationHandler.SchemeName)
                {
                    await Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Two-factor sign-in is required for this role.",
                        detail: $"Enrol at {EnrolmentPath} first.").ExecuteAsync(context);
                    return;
                }

                context.Response.Redirect(EnrolmentPath);
                return;
            }
        }

        await next(context);
    });
}
