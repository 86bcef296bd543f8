namespace Vigil.Domain.NodeReleases;

/// <summary>One release line of Node.js in the release schedule, such as <c>v20</c> ("Iron").</summary>
/// <param name="Key">The schedule's key: <c>v0.10</c>, <c>v4</c>, …, <c>v24</c>.</param>
/// <param name="Start">The first release.</param>
/// <param name="Lts">When it became LTS, if it did.</param>
/// <param name="Maintenance">When maintenance began.</param>
/// <param name="End">End of life: after this day it gets no more security fixes. Null when the schedule gives none.</param>
/// <param name="Codename">The LTS codename, if any.</param>
public sealed record ReleaseLine(string Key, DateOnly? Start, DateOnly? Lts, DateOnly? Maintenance, DateOnly? End, string? Codename)
{
    /// <summary>
    /// Whether the line is past its end of life on <paramref name="today"/>. A line without an end date counts as
    /// end of life, as is-my-node-vulnerable counts it (the schedule leaves it out only for lines long gone).
    /// </summary>
    public bool IsEndOfLife(DateOnly today) => End is not { } end || today > end;
}
