using Vigil.Domain.Osv;

namespace Vigil.Advisories.Import;

/// <summary>What an OSV record must satisfy to be stored, beyond being well-formed JSON of the schema's shape.</summary>
public static class OsvChecks
{
    /// <summary>The longest id accepted.</summary>
    public const int MaxIdLength = 200;

    /// <summary>The problems that keep <paramref name="record"/> out of the database, as <c>field: message</c>.</summary>
    public static IReadOnlyList<string> Problems(OsvRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var problems = new List<string>();
        if (record.Id.Length == 0 || record.Id.Length > MaxIdLength || !record.Id.All(IsIdChar))
        {
            problems.Add($"id: '{Shorten(record.Id)}' is not an advisory id (1 to {MaxIdLength} letters, digits and . _ : + -)");
        }

        if (!record.Modified.IsRfc3339)
        {
            problems.Add($"modified: '{Shorten(record.Modified.Text)}' is not an RFC 3339 time such as 2024-05-01T12:00:00Z");
        }

        foreach (var (name, time) in new[] { ("published", record.Published), ("withdrawn", record.Withdrawn) })
        {
            if (time is { IsRfc3339: false })
            {
                problems.Add($"{name}: '{Shorten(time.Text)}' is not an RFC 3339 time such as 2024-05-01T12:00:00Z");
            }
        }

        return problems;
    }

    private static bool IsIdChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or ':' or '+' or '-';

    private static string Shorten(string text)
    {
        string printable = new([.. text.Take(80).Select(c => char.IsControl(c) ? '?' : c)]);
        return text.Length > 80 ? printable + "…" : printable;
    }
}
