namespace Vigil.Advisories.Nswg.Conversion;

/// <summary>
/// A conversion error or warning, as <c>source: field: message</c>, e.g.
/// <c>npm/12.json: updated_at: is required: it gives the OSV record's modified time</c>.
/// </summary>
/// <param name="Source">The WG file (<c>npm/12.json</c>) or, for an export, the OSV id (<c>NSWG-ECO-12</c>).</param>
/// <param name="Field">The WG field, or the OSV property in JSON path form (<c>database_specific.nswg.author</c>).</param>
/// <param name="Message">What is wrong, or what the conversion did about it.</param>
public sealed record NswgConversionMessage(string Source, string Field, string Message)
{
    /// <summary><c>source: field: message</c>.</summary>
    public override string ToString() => $"{Source}: {Field}: {Message}";
}
