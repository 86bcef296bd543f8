namespace Vigil.Governance.Meetings;

/// <summary>An agenda item as a member writes it: a one-line title and optional details (line breaks allowed).</summary>
public sealed record AgendaItemDraft(string Title, string? Details)
{
    /// <summary>The longest title.</summary>
    public const int MaxTitle = 200;

    /// <summary>The longest details.</summary>
    public const int MaxDetails = 4000;

    /// <summary>Reads the form's texts; each problem names its field.</summary>
    public static (AgendaItemDraft? Draft, IReadOnlyList<string> Errors) Read(string? title, string? details)
    {
        var errors = new List<string>();
        string? cleanTitle = MeetingDraft.Line("title", title, MaxTitle, required: true, errors);
        string? cleanDetails = details?.Trim();
        if (string.IsNullOrEmpty(cleanDetails))
        {
            cleanDetails = null;
        }
        else if (cleanDetails.Length > MaxDetails)
        {
            errors.Add($"details: at most {MaxDetails} characters.");
        }
        else if (cleanDetails.Any(c => char.IsControl(c) && c is not ('\r' or '\n' or '\t')))
        {
            errors.Add("details: must not contain control characters other than line breaks and tabs.");
        }

        return errors.Count > 0 ? (null, errors) : (new AgendaItemDraft(cleanTitle!, cleanDetails), errors);
    }
}
