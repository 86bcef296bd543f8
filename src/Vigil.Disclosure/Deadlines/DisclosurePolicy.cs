namespace Vigil.Disclosure.Deadlines;

/// <summary>
/// The WG's published numbers: the first answer is due <see cref="FirstResponseBusinessDays"/> business days after
/// submission, publication <see cref="PublicationDays"/> calendar days after acceptance. The clocks read them from
/// here and so does the policy page, so that the two cannot disagree.
/// </summary>
public sealed record DisclosurePolicy
{
    /// <summary>The WG's procedure: 2 business days, 45 days, no holidays.</summary>
    public static DisclosurePolicy Default { get; } = new();

    /// <summary>Business days (Monday to Friday, UTC, minus <see cref="Holidays"/>) from submission to the first answer.</summary>
    public int FirstResponseBusinessDays
    {
        get;
        init => field = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "Cannot be negative.");
    } = 2;

    /// <summary>Calendar days from acceptance to publication, also when the maintainer cannot be reached.</summary>
    public int PublicationDays
    {
        get;
        init => field = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "Cannot be negative.");
    } = 45;

    /// <summary>Days (UTC dates) that are not business days even on a weekday.</summary>
    public IReadOnlySet<DateOnly> Holidays
    {
        get;
        init => field = (value ?? throw new ArgumentNullException(nameof(value))).ToHashSet();
    } = new HashSet<DateOnly>();

    /// <summary>The publication deadline of a report accepted at <paramref name="acceptedAt"/>.</summary>
    public DateTimeOffset PublicationDue(DateTimeOffset acceptedAt) => acceptedAt.AddDays(PublicationDays);

    /// <summary>The first-response deadline of a report submitted at <paramref name="submittedAt"/>.</summary>
    public DateTimeOffset FirstResponseDue(DateTimeOffset submittedAt) =>
        BusinessDays.Add(submittedAt, FirstResponseBusinessDays, Holidays);
}
