using Microsoft.Extensions.DependencyInjection.Extensions;
using Vigil.Governance.Rules;

namespace Vigil.Web.Features.Members;

/// <summary>The group's members (issue 7): the public members page, the administrators' roster, the triager role's rule.</summary>
public static class MembersSetup
{
    /// <summary>Registers the members feature's services.</summary>
    public static IServiceCollection AddMembers(this IServiceCollection services)
    {
        // The configured rules (Features/Policies) take precedence; until then the WG's written numbers.
        services.TryAddSingleton(GroupRules.Default);
        services.AddScoped<TriagerRole>();
        services.AddScoped<MemberService>();
        return services;
    }
}
