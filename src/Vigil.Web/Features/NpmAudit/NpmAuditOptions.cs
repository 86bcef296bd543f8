using System.Globalization;

namespace Vigil.Web.Features.NpmAudit;

/// <summary>The limits and the upstream registry of the npm audit endpoints (<c>Vigil:NpmAudit</c>).</summary>
/// <param name="MaxBodyBytes">The largest request body as sent (compressed or not).</param>
/// <param name="MaxDecompressedBytes">The largest request body once a gzip body is decompressed.</param>
/// <param name="MaxPackages">The most package names one bulk request may ask about.</param>
/// <param name="MaxVersions">The most versions one bulk request may ask about, over all names.</param>
/// <param name="MaxTreeNodes">The most packages one legacy audit tree may hold (every node, nested copies included).</param>
/// <param name="MaxTreeDepth">The deepest nesting of a legacy audit tree.</param>
/// <param name="UpstreamRegistry">The registry that package-document requests are passed to; null (the default): none, they get 404.</param>
public sealed record NpmAuditOptions(
    long MaxBodyBytes,
    long MaxDecompressedBytes,
    int MaxPackages,
    int MaxVersions,
    int MaxTreeNodes,
    int MaxTreeDepth,
    Uri? UpstreamRegistry)
{
    /// <summary>The defaults: 16 MiB sent, 64 MiB decompressed, 20,000 names, 100,000 versions, 500,000 tree nodes, depth 200.</summary>
    public static NpmAuditOptions Default { get; } = new(16L << 20, 64L << 20, 20_000, 100_000, 500_000, 200, null);

    /// <summary>Reads <c>Vigil:NpmAudit</c>; a bad value stops the server, naming the setting.</summary>
    public static NpmAuditOptions From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection("Vigil:NpmAudit");
        var d = Default;
        Uri? upstream = null;
        if (section["UpstreamRegistry"] is { Length: > 0 } text)
        {
            if (!Uri.TryCreate(text, UriKind.Absolute, out upstream) || upstream.Scheme is not ("http" or "https"))
            {
                throw new InvalidOperationException($"Vigil:NpmAudit:UpstreamRegistry: '{text}' is not an http or https URL");
            }

            upstream = new Uri(upstream.AbsoluteUri.TrimEnd('/') + "/");
        }

        return new NpmAuditOptions(
            Positive(section, "MaxBodyBytes", d.MaxBodyBytes),
            Positive(section, "MaxDecompressedBytes", d.MaxDecompressedBytes),
            (int)Positive(section, "MaxPackages", d.MaxPackages),
            (int)Positive(section, "MaxVersions", d.MaxVersions),
            (int)Positive(section, "MaxTreeNodes", d.MaxTreeNodes),
            (int)Positive(section, "MaxTreeDepth", d.MaxTreeDepth),
            upstream);
    }

    private static long Positive(IConfigurationSection section, string key, long fallback)
    {
        string? text = section[key];
        if (string.IsNullOrEmpty(text))
        {
            return fallback;
        }

        return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out long value) && value is > 0 and <= int.MaxValue * 16L
            ? value
            : throw new InvalidOperationException($"Vigil:NpmAudit:{key}: '{text}' is not a positive whole number");
    }
}
