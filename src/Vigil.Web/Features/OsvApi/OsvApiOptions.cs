namespace Vigil.Web.Features.OsvApi;

/// <summary>The OSV query API's limits and the index's polling (<c>Vigil:OsvApi</c>).</summary>
public sealed class OsvApiOptions
{
    /// <summary>The largest <c>/v1/query</c> body, in bytes.</summary>
    public int MaxQueryBytes { get; set; } = 64 * 1024;

    /// <summary>The largest <c>/v1/querybatch</c> body, in bytes (at most the server's <c>Vigil:MaxRequestBodyBytes</c>).</summary>
    public int MaxBatchBytes { get; set; } = 1024 * 1024;

    /// <summary>
    /// The most queries in one batch. osv.dev takes 1,000; Vigil takes more, so that a whole npm tree (a few thousand
    /// packages) fits in one call.
    /// </summary>
    public int MaxBatchQueries { get; set; } = 5000;

    /// <summary>Advisories in one page of a <c>/v1/query</c> answer, and of one query in a batch (osv.dev: 1,000).</summary>
    public int PageSize { get; set; } = 1000;

    /// <summary>Advisories in one page of a whole batch answer (osv.dev: 3,000).</summary>
    public int BatchPageSize { get; set; } = 3000;

    /// <summary>How often, in seconds, the index asks the database whether advisories changed.</summary>
    public double RefreshSeconds { get; set; } = 1;
}
