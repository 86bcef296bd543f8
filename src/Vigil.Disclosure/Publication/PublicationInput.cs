namespace Vigil.Disclosure.Publication;

/// <summary>What publication adds to a report: the advisory id, the CVE, the time, the credits, the links.</summary>
public sealed record PublicationInput
{
    /// <summary>The advisory id, from <see cref="AdvisoryIds.NextEcosystemId"/>.</summary>
    public required string AdvisoryId { get; init; }

    /// <summary>The CVE id, or requested.</summary>
    public required CveAssignment Cve { get; init; }

    /// <summary>When it is published (also the OSV <c>modified</c> time).</summary>
    public required DateTimeOffset PublishedAt { get; init; }

    /// <summary>Who to credit, in order.</summary>
    public IReadOnlyList<PublicationCredit> Credits { get; init; } = [];

    /// <summary>Links: the advisory page first, then the fix, the issue...</summary>
    public IReadOnlyList<Uri> References { get; init; } = [];
}
