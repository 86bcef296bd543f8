using Vigil.Domain.Semver;

namespace Vigil.Domain.Osv.Matching;

/// <summary>One OSV range with its events read and sorted, evaluated as the schema's pseudocode says.</summary>
internal sealed class CompiledRange
{
    /// <summary>An event; a null version is the lowest (<c>introduced: "0"</c>) or, for a limit, the highest (<c>"*"</c>).</summary>
    private readonly record struct Event(OsvEventKind Kind, NpmVersion? Version);

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
            var kind = e.Kind.Value;
            if (!e.Kind.IsKnown)
            {
                problems.Add($"unknown event '{e.Kind.Text}'");
                continue;
            }

            NpmVersion? version = null;
            bool open = (kind == OsvEventKind.Introduced && e.Version == "0") || (kind == OsvEventKind.Limit && e.Version == "*");
            if (!open && !NpmVersion.TryParse(e.Version, SemverOptions.Loose, out version, out _))
            {
                problems.Add($"{e.Kind.Text}: '{e.Version}' is not a version");
                continue;
            }

            (kind == OsvEventKind.Limit ? limits : events).Add(new Event(kind, version));
        }

        // Sorted by version, "0" first; a stable sort keeps the record's order between equal versions.
        var sorted = events.Select((e, i) => (e, i))
            .OrderBy(x => x.e.Version, Comparer<NpmVersion?>.Create(CompareLowFirst))
            .ThenBy(x => x.i)
            .Select(x => x.e)
            .ToArray();
        return new CompiledRange(sorted, [.. limits]);
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
