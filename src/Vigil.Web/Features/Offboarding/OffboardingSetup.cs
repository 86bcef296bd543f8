using Microsoft.Extensions.DependencyInjection.Extensions;
using Vigil.Governance.Rules;

namespace Vigil.Web.Features.Offboarding;

/// <summary>The activity checks (issue 7): the worker, the confirmation link and the return from emeritus.</summary>
public static class OffboardingSetup
{
    /// <summary>Registers the offboarding feature's services and its worker (<c>Vigil:Offboarding</c>).</summary>
    public static IServiceCollection AddOffboarding(this IServiceCollection services, IConfiguration configuration)
    {
        // The configured rules (Features/Policies) take precedence; until then the WG's written numbers.
        services.TryAddSingleton(GroupRules.Default);
        services.Configure<OffboardingSettings>(configuration.GetSection("Vigil:Offboarding"));
        services.AddScoped<OffboardingService>();
        services.AddSingleton<OffboardingPass>();
        services.AddHostedService<OffboardingWorker>();
        return services;
    }
}
