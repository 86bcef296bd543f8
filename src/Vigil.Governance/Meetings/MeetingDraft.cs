using System.Globalization;

namespace Vigil.Governance.Meetings;

/// <summary>What a member fills in to schedule or change a meeting, checked: each problem names its field.</summary>
public sealed record MeetingDraft(string Title, DateTimeOffset Start, int DurationMinutes, string? Location)
{
    /// <summary>The longest title.</summary>
    public const int MaxTitle = 200;

    /// <summary>The longest location.</summary>
    public const int MaxLocation = 500;

    /// <summary>The longest meeting, in minutes (8 hours).</summary>
    public const int MaxDurationMinutes = 480;

    /// <summary>The form's start format: UTC, to the minute, as an HTML <c>datetime-local</c> input sends it.</summary>
    public const string StartFormat = "yyyy-MM-dd'T'HH:mm";

    /// <summary>The meeting's end.</summary>
    public DateTimeOffset End => Start.AddMinutes(DurationMinutes);

    /// <summary>
    /// Reads the form's texts. A start that is not in <see cref="StartFormat"/> or not after <paramref name="now"/>,
    /// a duration outside 1..<see cref="MaxDurationMinutes"/>, an empty or too long title, a too long location, or a
    /// line break or other control character in one of them is refused with the field named.
    /// </summary>
    public static (MeetingDraft? Draft, IReadOnlyList<string> Errors) Read(string? title, string? start, string? duration, string? location, DateTimeOffset now)
    {
        var errors = new List<string>();
        string? cleanTitle = Line("title", title, MaxTitle, required: true, errors);
        string? cleanLocation = Line("location", location, MaxLocation, required: false, errors);
        DateTimeOffset startsAt = default;
        if (string.IsNullOrWhiteSpace(start))
        {
            errors.Add("start: is required (UTC, yyyy-MM-ddTHH:mm).");
        }
        else if (!DateTime.TryParseExact(start.Trim(), StartFormat, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var parsed))
        {
            errors.Add("start: must be a UTC date and time as yyyy-MM-ddTHH:mm.");
        }
        else
        {
            startsAt = new DateTimeOffset(DateTime.SpecifyKind(parsed, DateTimeKind.Utc));
            if (startsAt <= now)
            {
                errors.Add("start: must be in the future.");
            }
        }

        int minutes = 0;
        if (!int.TryParse(duration?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out minutes) || minutes < 1 || minutes > MaxDurationMinutes)
        {
            errors.Add($"duration: must be a whole number of minutes from 1 to {MaxDurationMinutes}.");
        }

        return errors.Count > 0 ? (null, errors) : (new MeetingDraft(cleanTitle!, startsAt, minutes, cleanLocation), errors);
    }

    /// <summary>A one-line text field: trimmed, at most <paramref name="max"/> characters, no control characters.</summary>
    internal static string? Line(string field, string? value, int max, bool required, List<string> errors)
    {
        string? trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            if (required)
            {
                errors.Add($"{field}: is required.");
            }

            return null;
        }

        if (trimmed.Length > max)
        {
            errors.Add($"{field}: at most {max} characters.");
            return null;
        }

        if (trimmed.Any(char.IsControl))
        {
            errors.Add($"{field}: must be one line without control characters.");
            return null;
        }

        return trimmed;
    }
}
