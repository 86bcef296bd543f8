namespace Vigil.Advisories.Nswg;

/// <summary>
/// A Node.js core vulnerability, <c>core/N.json</c> (NSWG-COR-N). Most keys are optional in the WG schema and
/// none may be null, so for every property null means the key is absent.
/// </summary>
public sealed record NswgCoreRecord : NswgRecord
{
    /// <inheritdoc/>
    public override NswgKind Kind => NswgKind.Core;

    /// <summary><c>cve</c>: the CVE ids (required, possibly empty).</summary>
    public NswgList<string>? Cve { get; init; }

    /// <summary><c>vulnerable</c>: the affected release lines as a semver range, e.g. <c>20.x || 22.x</c>.</summary>
    public string? Vulnerable { get; init; }

    /// <summary><c>patched</c>: the fixed releases as a semver range, e.g. <c>^20.20.2 || ^22.22.2</c>.</summary>
    public string? Patched { get; init; }

    /// <summary><c>ref</c>: a URI, usually the security release blog post.</summary>
    public string? Ref { get; init; }

    /// <summary><c>description</c>: a short description.</summary>
    public string? Description { get; init; }

    /// <summary><c>overview</c>: the long description, often Markdown.</summary>
    public string? Overview { get; init; }

    /// <summary><c>author</c>: who found it.</summary>
    public string? Author { get; init; }

    /// <summary><c>reported_by</c>: who reported it.</summary>
    public string? ReportedBy { get; init; }

    /// <summary><c>publish_date</c>: a date, <c>YYYY-MM-DD</c>, as written in the file.</summary>
    public string? PublishDate { get; init; }

    /// <summary><c>type</c>: the kind of weakness.</summary>
    public string? Type { get; init; }

    /// <summary><c>cvss</c>: a CVSS vector string.</summary>
    public string? Cvss { get; init; }

    /// <summary><c>cvss_score</c>: the CVSS base score as written.</summary>
    public NswgNumber? CvssScore { get; init; }

    /// <summary><c>affectedEnvironments</c>: platforms (<c>all</c>, <c>linux</c>, <c>win32</c>, ...; required, at least one).</summary>
    public NswgList<string>? AffectedEnvironments { get; init; }

    /// <summary><c>severity</c>: <c>unknown</c>, <c>low</c>, <c>medium</c>, <c>high</c> or <c>critical</c> (required).</summary>
    public string? Severity { get; init; }
}
