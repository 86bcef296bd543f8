using Microsoft.Extensions.DependencyInjection.Extensions;
using Vigil.Governance.Rules;

namespace Vigil.Web.Features.TriageTeam;

/// <summary>The triage team (issue 7): motions and votes, the privacy rules, the triager role following the team.</summary>
public static class TriageTeamSetup
{
    /// <summary>Registers the triage team's services.</summary>
    public static IServiceCollection AddTriageTeam(this IServiceCollection services)
    {
        // The configured rules (Features/Policies) take precedence; until then the WG's written numbers.
        services.TryAddSingleton(GroupRules.Default);
        services.AddScoped<TriageTeamService>();
        return services;
    }
}
