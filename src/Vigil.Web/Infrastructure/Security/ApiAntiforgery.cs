using Microsoft.AspNetCore.Antiforgery;

namespace Vigil.Web.Infrastructure.Security;

/// <summary>
/// Anti-forgery for the API: a state-changing call that a browser's cookie authenticated must carry the
/// anti-forgery token in the <c>X-CSRF-TOKEN</c> header. Token-authenticated calls carry no ambient credential
/// and need none.
/// </summary>
internal static class ApiAntiforgery
{
    public const string HeaderName = "X-CSRF-TOKEN";

    public static TBuilder RequireAntiforgeryForCookies<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            string method = http.Request.Method;
            bool safe = HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method) || HttpMethods.IsTrace(method);
            if (!safe && http.User.Identity?.AuthenticationType != ApiTokenAuthenticationHandler.SchemeName)
            {
                var antiforgery = http.RequestServices.GetRequiredService<IAntiforgery>();
                if (!await antiforgery.IsRequestValidAsync(http))
                {
                    return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The anti-forgery token is missing or invalid.",
                        detail: $"Send the token from the page in the {HeaderName} header.");
                }
            }

            return await next(context);
        });
}
