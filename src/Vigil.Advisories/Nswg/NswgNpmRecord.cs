namespace Vigil.Advisories.Nswg;

/// <summary>
/// A third-party npm module vulnerability, <c>npm/N.json</c> (NSWG-ECO-N). In the WG schema every key is
/// required and several may be null: properties of type <see cref="NswgField{T}"/> tell absent, null and value
/// apart; for the others null means the key is absent.
/// </summary>
public sealed record NswgNpmRecord : NswgRecord
{
    /// <inheritdoc/>
    public override NswgKind Kind => NswgKind.Npm;

    /// <summary><c>id</c>: the number N of NSWG-ECO-N, which should equal the file name's number.</summary>
    public NswgNumber? Id { get; init; }

    /// <summary><c>created_at</c>: a date, <c>YYYY-MM-DD</c>, as written in the file.</summary>
    public string? CreatedAt { get; init; }

    /// <summary><c>updated_at</c>: a date, <c>YYYY-MM-DD</c>, as written in the file.</summary>
    public string? UpdatedAt { get; init; }

    /// <summary><c>title</c>: one line, at most 150 characters.</summary>
    public string? Title { get; init; }

    /// <summary><c>author</c>: who reported it (the only key the WG schema does not require).</summary>
    public NswgNpmAuthor? Author { get; init; }

    /// <summary><c>module_name</c>: the npm package name.</summary>
    public string? ModuleName { get; init; }

    /// <summary><c>publish_date</c>: a date, <c>YYYY-MM-DD</c>, as written in the file.</summary>
    public string? PublishDate { get; init; }

    /// <summary><c>cves</c>: the CVE ids, possibly none.</summary>
    public NswgList<string>? Cves { get; init; }

    /// <summary><c>vulnerable_versions</c>: a semver range, or null.</summary>
    public NswgField<string> VulnerableVersions { get; init; }

    /// <summary><c>patched_versions</c>: a semver range, or null when there is no fix.</summary>
    public NswgField<string> PatchedVersions { get; init; }

    /// <summary><c>overview</c>: the description, often Markdown.</summary>
    public string? Overview { get; init; }

    /// <summary><c>recommendation</c>: what to do, or null.</summary>
    public NswgField<string> Recommendation { get; init; }

    /// <summary><c>references</c>: links, or null.</summary>
    public NswgField<NswgList<string>> References { get; init; }

    /// <summary><c>cvss_vector</c>: a CVSS vector string, or null.</summary>
    public NswgField<string> CvssVector { get; init; }

    /// <summary><c>cvss_score</c>: the CVSS base score as written (e.g. <c>7.5</c>, <c>10</c>), or null.</summary>
    public NswgField<NswgNumber> CvssScore { get; init; }

    /// <summary><c>coordinating_vendor</c>: who coordinated the disclosure, or null.</summary>
    public NswgField<string> CoordinatingVendor { get; init; }
}
