using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json;
using Vigil.Domain.Semver;

namespace Vigil.Domain.NodeReleases;

/// <summary>Why a release schedule could not be read; <see cref="Line"/> is 0 when the problem is not at one place.</summary>
/// <param name="Line">The 1-based line.</param>
/// <param name="Column">The 1-based column (byte position in the line).</param>
/// <param name="Reason">What is wrong.</param>
public sealed record ScheduleError(int Line, int Column, string Reason)
{
    /// <summary>Where the problem is in <paramref name="source"/>: <c>source:line:column</c>, or just the source.</summary>
    public string Location(string source) => Line > 0 ? $"{source}:{Line}:{Column}" : source;
}

/// <summary>
/// The Node.js release schedule (the <c>schedule.json</c> of the nodejs/Release repository): when each release
/// line starts, becomes LTS, enters maintenance and reaches its end of life.
/// </summary>
public sealed class ReleaseSchedule
{
    /// <summary>The largest schedule file read.</summary>
    public const int MaxBytes = 1024 * 1024;

    private readonly Dictionary<string, ReleaseLine> _lines;

    private ReleaseSchedule(Dictionary<string, ReleaseLine> lines) => _lines = lines;

    /// <summary>The lines, in the file's order.</summary>
    public IReadOnlyCollection<ReleaseLine> Lines => _lines.Values;

    /// <summary>Reads a schedule; false with the place and reason when the JSON is not one.</summary>
    public static bool TryParse(ReadOnlySpan<byte> utf8, [NotNullWhen(true)] out ReleaseSchedule? schedule, [NotNullWhen(false)] out ScheduleError? error)
    {
        schedule = null;
        if (utf8.Length > MaxBytes)
        {
            error = new ScheduleError(0, 0, $"the file is larger than {MaxBytes / 1024} KiB");
            return false;
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8.ToArray(), new JsonDocumentOptions { MaxDepth = 8 });
        }
        catch (JsonException e)
        {
            error = new ScheduleError((int)(e.LineNumber ?? 0) + 1, (int)(e.BytePositionInLine ?? 0) + 1, "not JSON");
            return false;
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                error = new ScheduleError(0, 0, "a release schedule is a JSON object keyed by release line (\"v20\": {...})");
                return false;
            }

            var lines = new Dictionary<string, ReleaseLine>(StringComparer.OrdinalIgnoreCase);
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (property.Value.ValueKind != JsonValueKind.Object)
                {
                    error = new ScheduleError(0, 0, $"{property.Name}: expected an object with start and end dates");
                    return false;
                }

                if (!TryDate(property.Value, "start", out var start, out error, property.Name) ||
                    !TryDate(property.Value, "lts", out var lts, out error, property.Name) ||
                    !TryDate(property.Value, "maintenance", out var maintenance, out error, property.Name) ||
                    !TryDate(property.Value, "end", out var end, out error, property.Name))
                {
                    return false;
                }

                string? codename = property.Value.TryGetProperty("codename", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : null;
                lines[property.Name] = new ReleaseLine(property.Name, start, lts, maintenance, end, string.IsNullOrEmpty(codename) ? null : codename);
            }

            if (lines.Count == 0)
            {
                error = new ScheduleError(0, 0, "the schedule lists no release lines");
                return false;
            }

            schedule = new ReleaseSchedule(lines);
            error = null;
            return true;
        }
    }

    private static bool TryDate(JsonElement line, string name, out DateOnly? date, [NotNullWhen(false)] out ScheduleError? error, string key)
    {
        date = null;
        error = null;
        if (!line.TryGetProperty(name, out var value))
        {
            return true;
        }

        if (value.ValueKind == JsonValueKind.String &&
            DateOnly.TryParseExact(value.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
        {
            date = parsed;
            return true;
        }

        error = new ScheduleError(0, 0, $"{key}.{name}: '{value}' is not a date (YYYY-MM-DD)");
        return false;
    }

    /// <summary>Whether the version's major number is above every line the schedule lists.</summary>
    public bool IsNewerThanEveryLine(NpmVersion version)
    {
        ArgumentNullException.ThrowIfNull(version);
        return _lines.Keys.All(key => !long.TryParse(key.AsSpan(1).ToString().Split('.')[0], NumberStyles.None, CultureInfo.InvariantCulture, out long major) || major < version.Major);
    }

    /// <summary>
    /// The line a version belongs to: <c>v0.10</c> for 0.10.x, <c>v20</c> for 20.x; null when the schedule does not
    /// list it.
    /// </summary>
    public ReleaseLine? LineOf(NpmVersion version)
    {
        ArgumentNullException.ThrowIfNull(version);
        string key = version.Major == 0 ? $"v0.{version.Minor}" : $"v{version.Major}";
        return _lines.GetValueOrDefault(key);
    }
}
