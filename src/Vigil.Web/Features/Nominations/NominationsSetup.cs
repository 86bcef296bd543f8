namespace Vigil.Web.Features.Nominations;

/// <summary>Nominations (issue 7): the pages, the service, and the clock that opens the onboarding checklist.</summary>
public static class NominationsSetup
{
    /// <summary>Registers the nominations' services and their worker (<c>Vigil:Nominations</c>).</summary>
    public static IServiceCollection AddNominations(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<NominationOptions>(configuration.GetSection("Vigil:Nominations"));
        services.AddScoped<NominationService>();
        services.AddSingleton<NominationPass>();
        services.AddHostedService<NominationWorker>();
        return services;
    }
}
