using System.Net;

namespace Vigil.Web.Features.Maintainers;

/// <summary>Registration of the maintainers feature: the registry look-up and the fix proposals (pages in this folder).</summary>
public static class MaintainersSetup
{
    /// <summary>
    /// The packument client (<c>Vigil:NpmRegistry</c>, <c>Vigil:NpmUserConfig</c>,
    /// <c>Vigil:Maintainers:MaxPackumentMegabytes</c> default 64, <c>Vigil:Maintainers:TimeoutSeconds</c> default 20)
    /// and the proposals.
    /// </summary>
    public static IServiceCollection AddMaintainers(this IServiceCollection services, IConfiguration configuration)
    {
        long megabytes = Math.Clamp(configuration.GetValue("Vigil:Maintainers:MaxPackumentMegabytes", 64L), 1, 1024);
        double seconds = Math.Clamp(configuration.GetValue("Vigil:Maintainers:TimeoutSeconds", 20.0), 0.1, 300);
        var limits = new PackumentLimits(megabytes * 1024 * 1024, TimeSpan.FromSeconds(seconds));
        services.AddSingleton(limits);
        services.AddSingleton(provider => new PackumentClient(
            new HttpClient(new SocketsHttpHandler
            {
                AllowAutoRedirect = false,
                AutomaticDecompression = DecompressionMethods.All,
                ConnectTimeout = limits.Timeout,
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
                UseCookies = false,
            })
            {
                Timeout = Timeout.InfiniteTimeSpan,
                DefaultRequestHeaders = { { "User-Agent", "vigil-server" } },
            },
            provider.GetRequiredService<IConfiguration>(),
            limits));
        services.AddScoped<ProposalService>();
        return services;
    }
}
