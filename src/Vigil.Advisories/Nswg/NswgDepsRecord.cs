namespace Vigil.Advisories.Nswg;

/// <summary>
/// A CVE in a dependency bundled with Node.js that does not affect Node.js, <c>deps/N.json</c>, with the
/// OpenVEX justification in <see cref="Reason"/>. Null means the key is absent.
/// </summary>
public sealed record NswgDepsRecord : NswgRecord
{
    /// <inheritdoc/>
    public override NswgKind Kind => NswgKind.Deps;

    /// <summary><c>cve</c>: the CVE ids the statement covers.</summary>
    public NswgList<string>? Cve { get; init; }

    /// <summary><c>description</c>: what the CVE is about.</summary>
    public string? Description { get; init; }

    /// <summary><c>overview</c>: why Node.js is not affected (the VEX impact statement).</summary>
    public string? Overview { get; init; }

    /// <summary><c>ref</c>: a link to the assessment.</summary>
    public string? Ref { get; init; }

    /// <summary><c>reason</c>: an OpenVEX justification, e.g. <c>vulnerable_code_not_in_execute_path</c> (required).</summary>
    public string? Reason { get; init; }
}
