using Microsoft.AspNetCore.Http.Features;
using Microsoft.OpenApi;
using Vigil.Web.Infrastructure.Operations;
using Vigil.Web.Infrastructure.Security;
using Vigil.Web.Infrastructure.Text;

namespace Vigil.Web.Infrastructure;

/// <summary>The host's plumbing: pages, the API group, ProblemDetails, OpenAPI, request limits and the pipeline.</summary>
public static class WebSetup
{
    /// <summary>The largest request body accepted, in bytes (<c>Vigil:MaxRequestBodyBytes</c>).</summary>
    public const long DefaultMaxRequestBodyBytes = 1024 * 1024;

    public static WebApplicationBuilder AddRequestLimits(this WebApplicationBuilder builder)
    {
        long max = builder.Configuration.GetValue("Vigil:MaxRequestBodyBytes", DefaultMaxRequestBodyBytes);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = max;
            kestrel.Limits.MaxRequestHeadersTotalSize = 32 * 1024;
        });
        builder.Services.Configure<FormOptions>(form =>
        {
            form.MultipartBodyLengthLimit = max;
            form.ValueCountLimit = 200;
            form.ValueLengthLimit = (int)Math.Min(max, int.MaxValue);
        });
        return builder;
    }

    public static IServiceCollection AddPagesAndApi(this IServiceCollection services)
    {
        // Pages live with their feature (Features/Accounts/SignIn.cshtml); each names its route with @page "/...".
        services.AddRazorPages(options => options.RootDirectory = "/Features");
        services.AddProblemDetails();
        services.AddPublicCompression();
        services.AddOpenApi(options => options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "Vigil API";
            document.Info.Description = "The disclosure platform's API. Authenticate with a personal token: Authorization: Bearer vigil_…";
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes["token"] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                Description = "A personal API token from /account/tokens, with the scopes the operation needs.",
            };
            document.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("token", document)] = [] }];
            return Task.CompletedTask;
        }));
        return services;
    }

    /// <summary>
    /// The middleware, in order: the client address from a trusted proxy, errors, security headers, static files, routing,
    /// compression of opted-in public endpoints, authentication, rate limits, second-factor enrolment, authorization,
    /// a form that cannot be read answered with its field named, anti-forgery.
    /// </summary>
    public static WebApplication UsePlatformPipeline(this WebApplication app)
    {
        app.UseForwardedHeaders();
        app.UseWhen(IsApi, api => api.UseExceptionHandler().UseStatusCodePages());
        app.UseWhen(c => !IsApi(c),
            pages => pages.UseExceptionHandler("/error"));
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
        }

        app.UseSecurityHeaders();
        app.UseStaticFiles(new StaticFileOptions
        {
            OnPrepareResponse = context => context.Context.Response.Headers.CacheControl = "public, max-age=3600",
        });
        app.UseRouting();
        // After routing: only endpoints that opted in (public data, no secrets) are compressed (BREACH; CompressionSetup).
        app.UseResponseCompression();
        // Dropped database connections: pools cleared, a read runs once more (DatabaseRetry).
        app.UseDatabaseRetry();
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseTwoFactorEnrolment();
        app.UseAuthorization();
        app.UseFormFieldGuard();
        app.UseAntiforgery();
        return app;
    }

    /// <summary>The platform's API and the public service's JSON API (<c>/v1</c>): errors as JSON, never the error page.</summary>
    private static bool IsApi(HttpContext context) =>
        context.Request.Path.StartsWithSegments("/api") || context.Request.Path.StartsWithSegments("/v1");

    /// <summary>
    /// The <c>/api</c> group every feature maps its endpoints into: rate-limited, anti-forgery checked for
    /// cookie-authenticated changes, errors as ProblemDetails.
    /// </summary>
    public static RouteGroupBuilder MapApiGroup(this WebApplication app)
    {
        var api = app.MapGroup("/api");
        api.RequireRateLimiting(RateLimits.Api).RequireAntiforgeryForCookies().RefuseNulInBodies().ProducesProblem(StatusCodes.Status400BadRequest);
        return api;
    }

    /// <summary>Pages, the OpenAPI document (public: it describes, it holds no data).</summary>
    public static WebApplication MapPagesAndDocs(this WebApplication app)
    {
        app.MapRazorPages();
        app.MapOpenApi().AllowAnonymous();
        return app;
    }
}
