using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.Extensions.Options;

namespace Vigil.Web.Infrastructure.Operations;

/// <summary>Marks an endpoint whose responses may be compressed: see <see cref="CompressionSetup"/>.</summary>
public sealed class PublicCompressionMetadata
{
    /// <summary>The one instance endpoints carry.</summary>
    public static readonly PublicCompressionMetadata Instance = new();
}

/// <summary>
/// gzip and Brotli for the public service's responses, and for nothing else.
/// </summary>
/// <remarks>
/// BREACH: a compressed response that carries a secret (an anti-forgery token, a one-time link, a session's data)
/// together with text an attacker can put into it (a query, a form value) lets the attacker guess the secret byte by
/// byte from the compressed length, over TLS. So pages (they carry the form token), the account and report API and
/// downloads are never compressed; only endpoints that opt in with <see cref="CompressPublicResponses"/> are: anonymous,
/// public data, no secret in the response. A new endpoint is not compressed unless it says so.
/// </remarks>
public static class CompressionSetup
{
    /// <summary>The content types compressed when the endpoint opted in.</summary>
    public static readonly string[] MimeTypes = ["application/json", "application/atom+xml", "application/xml", "text/plain"];

    /// <summary>Registers gzip and Brotli (fastest level: the public service answers many small requests), endpoint by endpoint.</summary>
    public static IServiceCollection AddPublicCompression(this IServiceCollection services)
    {
        services.AddResponseCompression(options =>
        {
            // Over https too: what may be compressed is decided per endpoint (OptedIn), and only public data opts in.
            options.EnableForHttps = true;
            options.MimeTypes = MimeTypes;
            options.Providers.Add<BrotliCompressionProvider>();
            options.Providers.Add<GzipCompressionProvider>();
        });
        services.Configure<BrotliCompressionProviderOptions>(o => o.Level = System.IO.Compression.CompressionLevel.Fastest);
        services.Configure<GzipCompressionProviderOptions>(o => o.Level = System.IO.Compression.CompressionLevel.Fastest);
        services.AddSingleton<IResponseCompressionProvider, OptedInCompressionProvider>();
        return services;
    }

    /// <summary>Lets responses of <paramref name="builder"/>'s endpoints be compressed. Only for public data with no secret in it (BREACH).</summary>
    public static TBuilder CompressPublicResponses<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder
    {
        builder.WithMetadata(PublicCompressionMetadata.Instance);
        return builder;
    }

    /// <summary>Whether the endpoint that answers <paramref name="context"/> opted in.</summary>
    public static bool OptedIn(HttpContext context) =>
        context.GetEndpoint()?.Metadata.GetMetadata<PublicCompressionMetadata>() is not null;

    private sealed class OptedInCompressionProvider(IServiceProvider services, IOptions<ResponseCompressionOptions> options)
        : ResponseCompressionProvider(services, options)
    {
        public override bool ShouldCompressResponse(HttpContext context) => OptedIn(context) && base.ShouldCompressResponse(context);
    }
}
