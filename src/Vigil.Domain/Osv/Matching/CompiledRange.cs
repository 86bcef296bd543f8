using Vigil.Domain.Semver;

namespace Vigil.Domain.Osv.Matching;

/// <summary>One OSV range with its events read and sorted, evaluated as the schema's pseudocode says.</summary>
internal sealed class CompiledRange
{
    /// <summary>An event; a null version is the lowest (<c>introduced: "0"</c>) or, for a limit, the highest (<c>"*"</c>).</summary>
    internal readonly record struct Event(OsvEventKind Kind, NpmVersion? Version);

    private readonly Event[] _events;
    private readonly Event[] _limits;

    private CompiledRange(Event[] events, Event[] limits)
    {
        _events = events;
        _limits = limits;
    }

    public static CompiledRange Compile(OsvRange range, List<string> problems)
    {
        var events = new List<Event>();
        var limits = new List<Event>();
        foreach (var e in range.Events)
        {
            AddEvent(e.Kind.Value, e.Kind.IsKnown, e.Kind.Text, e.Version, events, limits, problems);
        }

        return Build(events, limits);
    }

    /// <summary>
    /// Reads one event into <paramref name="events"/> or <paramref name="limits"/>, or says in
    /// <paramref name="problems"/> why it is left out.
    /// </summary>
    internal static void AddEvent(OsvEventKind kind, bool known, string? kindText, ReadOnlySpan<char> version, List<Event> events, List<Event> limits, List<string> problems)
    {
        if (!known)
        {
            problems.Add($"unknown event '{kindText}'");
            return;
        }

        NpmVersion? parsed = null;
        bool open = (kind == OsvEventKind.Introduced && version is "0") || (kind == OsvEventKind.Limit && version is "*");
        if (!open && !NpmVersion.TryParse(version.ToString(), SemverOptions.Loose, out parsed, out _))
        {
            problems.Add($"{kindText}: '{version}' is not a version");
            return;
        }

        (kind == OsvEventKind.Limit ? limits : events).Add(new Event(kind, parsed));
    }

    /// <summary>The range of these events: sorted by version, "0" first, the record's order kept between equal versions.</summary>
    internal static CompiledRange Build(List<Event> events, List<Event> limits)
    {
        var sorted = events.ToArray();

        // Insertion sort: stable, and ranges hold a handful of events.
        for (int i = 1; i < sorted.Length; i++)
        {
            var e = sorted[i];
            int j = i - 1;
            for (; j >= 0 && CompareLowFirst(sorted[j].Version, e.Version) > 0; j--)
            {
                sorted[j + 1] = sorted[j];
            }

            sorted[j + 1] = e;
        }

        return new CompiledRange(sorted, limits.Count == 0 ? [] : [.. limits]);
    }

    private static int CompareLowFirst(NpmVersion? a, NpmVersion? b) =>
        a is null ? (b is null ? 0 : -1) : b is null ? 1 : a.CompareTo(b);

    /// <summary>Whether the range has limit events (then its versions are not just intervals).</summary>
    public bool HasLimits => _limits.Length > 0;

    /// <summary>The versions the events admit, as intervals (limits aside): each introduced opens one, fixed or last_affected closes it.</summary>
    public IEnumerable<VersionInterval> Intervals()
    {
        VersionBound? start = null;
        bool open = false;
        foreach (var e in _events)
        {
            if (e.Kind == OsvEventKind.Introduced && !open)
            {
                open = true;
                start = e.Version is null ? null : new VersionBound(e.Version, true);
            }
            else if (e.Kind is OsvEventKind.Fixed or OsvEventKind.LastAffected && open)
            {
                open = false;
                yield return new VersionInterval(start, new VersionBound(e.Version!, e.Kind == OsvEventKind.LastAffected));
            }
        }

        if (open)
        {
            yield return new VersionInterval(start, null);
        }
    }

    public bool Contains(NpmVersion v)
    {
        if (!BeforeLimits(v))
        {
            return false;
        }

        bool vulnerable = false;
        foreach (var e in _events)
        {
            switch (e.Kind)
            {
                case OsvEventKind.Introduced when e.Version is null || v.CompareTo(e.Version) >= 0:
                    vulnerable = true;
                    break;
                case OsvEventKind.Fixed when v.CompareTo(e.Version) >= 0:
                    vulnerable = false;
                    break;
                case OsvEventKind.LastAffected when v.CompareTo(e.Version) > 0:
                    vulnerable = false;
                    break;
            }
        }

        return vulnerable;
    }

    private bool BeforeLimits(NpmVersion v)
    {
        if (_limits.Length == 0)
        {
            return true;
        }

        foreach (var limit in _limits)
        {
            if (limit.Version is null || v.CompareTo(limit.Version) < 0)
            {
                return true;
            }
        }

        return false;
    }
}
