namespace Vigil.Web.Features.Accounts;

/// <summary>The accounts feature: its services, its start-up work and its API.</summary>
public static class AccountsSetup
{
    public static IServiceCollection AddAccounts(this IServiceCollection services)
    {
        services.AddSingleton<AccountLinks>();
        services.AddScoped<FirstStart>();
        services.AddScoped<PasswordResets>();
        services.AddSingleton(new FirstStartOutput(Console.Out));
        return services;
    }

    /// <summary>
    /// Creates the roles and, when no administrator can sign in yet, prints a one-time sign-in link to standard
    /// output once the server listens (the link is a secret: it never goes to the log).
    /// </summary>
    public static async Task PrepareAccountsAsync(this WebApplication app)
    {
        string? path;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var firstStart = scope.ServiceProvider.GetRequiredService<FirstStart>();
            await firstStart.EnsureRolesAsync();
            path = await firstStart.PrepareAsync();
        }

        if (path is null)
        {
            return;
        }

        app.Lifetime.ApplicationStarted.Register(() =>
        {
            string? configured = app.Configuration["Vigil:PublicUrl"];
            string baseUrl = !string.IsNullOrWhiteSpace(configured) ? configured.TrimEnd('/') : app.Urls.FirstOrDefault()?.TrimEnd('/') ?? "http://localhost:5000";
            var output = app.Services.GetRequiredService<FirstStartOutput>().Writer;
            output.WriteLine();
            output.WriteLine("Vigil has no administrator who can sign in yet. Open this one-time link within 24 hours");
            output.WriteLine("to set the administrator's password and two-factor sign-in:");
            output.WriteLine();
            output.WriteLine("    " + baseUrl + path);
            output.WriteLine();
            output.Flush();
        });
    }

    /// <summary>The account pages are Razor pages (Features/Accounts); this maps the accounts API into <paramref name="api"/>.</summary>
    public static RouteGroupBuilder MapAccounts(this RouteGroupBuilder api) => api.MapAccountsApi();
}
