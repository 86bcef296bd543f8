namespace Vigil.Web.Features.OsvApi;

/// <summary>One query as sent (osv.dev's <c>Query</c>): a package by name and ecosystem or by purl, a version or a commit.</summary>
internal sealed class OsvQuery
{
    public string? Name { get; set; }

    public string? Ecosystem { get; set; }

    public string? Purl { get; set; }

    public bool HasPackage { get; set; }

    public string? Version { get; set; }

    public string? Commit { get; set; }

    public string? PageToken { get; set; }

    /// <summary>Checks the query and says what to look up; <paramref name="path"/> names it in errors (<c>queries[3]</c>).</summary>
    public ResolvedQuery Resolve(string path)
    {
        string version = string.IsNullOrEmpty(Version) ? string.Empty : Version;
        if (version.Length > 0 && !string.IsNullOrEmpty(Commit))
        {
            throw new OsvApiException($"{path}version and {path}commit: give one of them, not both.");
        }

        int offset = PageTokens.Read(PageToken, path + "page_token");
        if (!HasPackage)
        {
            return string.IsNullOrEmpty(Commit)
                ? throw new OsvApiException($"{path}package: give package {{name, ecosystem}} or package.purl (or a commit).")
                : new ResolvedQuery(null, null, null, offset, CommitOnly: true);
        }

        if (!string.IsNullOrEmpty(Purl))
        {
            if (!string.IsNullOrEmpty(Name) || !string.IsNullOrEmpty(Ecosystem))
            {
                throw new OsvApiException($"{path}package.purl: give either purl or name and ecosystem, not both.");
            }

            var purl = PackageUrl.Parse(Purl, path + "package.purl");
            if (purl.Version is not null && version.Length > 0)
            {
                throw new OsvApiException($"{path}version: the version is given in package.purl already; give it once.");
            }

            return new ResolvedQuery(purl.Ecosystem, purl.Name, purl.Version ?? NullIfEmpty(version), offset, UnknownEcosystem: purl.Ecosystem is null);
        }

        if (string.IsNullOrEmpty(Name))
        {
            throw new OsvApiException($"{path}package.name: the package's name is required (or give package.purl).");
        }

        return new ResolvedQuery(NullIfEmpty(Ecosystem), Name, NullIfEmpty(version), offset);
    }

    private static string? NullIfEmpty(string? text) => string.IsNullOrEmpty(text) ? null : text;
}

/// <summary>What a query looks up.</summary>
/// <param name="Ecosystem">The ecosystem, or null for every ecosystem (a name without one, as osv.dev allows).</param>
/// <param name="Name">The package name.</param>
/// <param name="Version">The version, or null for every advisory of the package.</param>
/// <param name="Offset">Where the page starts (from <c>page_token</c>).</param>
/// <param name="CommitOnly">A commit without a package: Vigil holds no commit ranges, so nothing matches.</param>
/// <param name="UnknownEcosystem">A purl of a type Vigil holds no advisories for: nothing matches.</param>
internal sealed record ResolvedQuery(string? Ecosystem, string? Name, string? Version, int Offset, bool CommitOnly = false, bool UnknownEcosystem = false);

/// <summary>A request the service refuses, with a message naming the field.</summary>
internal sealed class OsvApiException(string message, int status = StatusCodes.Status400BadRequest) : Exception(message)
{
    /// <summary>The HTTP status.</summary>
    public int Status { get; } = status;
}
