using Vigil.Domain.Osv;

namespace Vigil.Advisories.Nswg.Conversion;

/// <summary>A WG record's file in the WG's folders (<c>npm/N.json</c>, <c>core/N.json</c>, <c>deps/N.json</c>), rebuilt from its OSV record.</summary>
/// <param name="RelativePath">The file's path inside the WG's <c>vuln</c> folder, with <c>/</c> between folder and name.</param>
/// <param name="Content">The file, as the WG writes it (<see cref="NswgWriter"/>).</param>
public sealed record NswgFile(string RelativePath, byte[] Content)
{
    /// <summary>
    /// The WG file of <paramref name="record"/>; null when the record has no WG form (it did not come from the WG),
    /// with <paramref name="error"/> set when it says it came from the WG but cannot be read back.
    /// </summary>
    public static NswgFile? Of(OsvRecord record, out NswgConversionMessage? error)
    {
        ArgumentNullException.ThrowIfNull(record);
        error = null;
        if (!OsvToNswg.IsFromWg(record) || !NswgOsvIds.TryParse(record.Id, out var kind, out long number))
        {
            return null;
        }

        var result = OsvToNswg.Convert(record);
        if (!result.Succeeded)
        {
            error = result.Error;
            return null;
        }

        string folder = kind switch { NswgKind.Npm => "npm", NswgKind.Core => "core", _ => "deps" };
        return new NswgFile($"{folder}/{number}.json", NswgWriter.Write(result.Record));
    }
}
