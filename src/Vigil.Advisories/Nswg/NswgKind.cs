namespace Vigil.Advisories.Nswg;

/// <summary>The three record formats of the Node.js Security WG database (folder <c>vuln/</c>).</summary>
public enum NswgKind
{
    /// <summary>A Node.js core vulnerability, <c>core/N.json</c>, referred to as NSWG-COR-N.</summary>
    Core,

    /// <summary>A third-party npm module vulnerability, <c>npm/N.json</c>, referred to as NSWG-ECO-N.</summary>
    Npm,

    /// <summary>A CVE in a bundled dependency that does not affect Node.js, <c>deps/N.json</c>.</summary>
    Deps,
}
