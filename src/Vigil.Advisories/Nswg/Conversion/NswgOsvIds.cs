using System.Globalization;

namespace Vigil.Advisories.Nswg.Conversion;

/// <summary>
/// The OSV ids of WG records: <c>npm/N.json</c> is <c>NSWG-ECO-N</c>, <c>core/N.json</c> is <c>NSWG-COR-N</c>
/// (the WG's own names) and <c>deps/N.json</c> is <c>NSWG-DEP-N</c> (Vigil's).
/// </summary>
public static class NswgOsvIds
{
    /// <summary>The id prefix of a kind, with its final dash: <c>NSWG-ECO-</c>, <c>NSWG-COR-</c> or <c>NSWG-DEP-</c>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="kind"/> is not a defined kind.</exception>
    public static string Prefix(NswgKind kind) => kind switch
    {
        NswgKind.Npm => "NSWG-ECO-",
        NswgKind.Core => "NSWG-COR-",
        NswgKind.Deps => "NSWG-DEP-",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a WG record kind."),
    };

    /// <summary>The OSV id of the record in file number <paramref name="fileNumber"/>, e.g. <c>NSWG-ECO-12</c>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="fileNumber"/> is negative, or <paramref name="kind"/> is not a defined kind.</exception>
    public static string Format(NswgKind kind, long fileNumber)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(fileNumber);
        return Prefix(kind) + fileNumber.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>The kind and file number of a WG id: digits only after the prefix, no sign, no leading zero.</summary>
    public static bool TryParse(string? id, out NswgKind kind, out long fileNumber)
    {
        foreach (var candidate in (ReadOnlySpan<NswgKind>)[NswgKind.Npm, NswgKind.Core, NswgKind.Deps])
        {
            var prefix = Prefix(candidate);
            if (id is not null && id.StartsWith(prefix, StringComparison.Ordinal) && IsNumber(id.AsSpan(prefix.Length))
                && long.TryParse(id.AsSpan(prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out fileNumber))
            {
                kind = candidate;
                return true;
            }
        }

        kind = default;
        fileNumber = 0;
        return false;
    }

    /// <summary>The WG file of a kind and number, e.g. <c>npm/12.json</c>.</summary>
    internal static string FileName(NswgKind kind, long fileNumber) =>
        string.Create(CultureInfo.InvariantCulture, $"{StoredFields.KindName(kind)}/{fileNumber}.json");

    private static bool IsNumber(ReadOnlySpan<char> digits) =>
        digits.Length > 0 && !digits.ContainsAnyExceptInRange('0', '9') && (digits.Length == 1 || digits[0] != '0');
}
