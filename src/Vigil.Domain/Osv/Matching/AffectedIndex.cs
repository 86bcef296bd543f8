using System.Text;
using System.Text.Json;
using Vigil.Domain.Advisories;
using Vigil.Domain.Osv.Serialization;
using Vigil.Domain.Semver;

namespace Vigil.Domain.Osv.Matching;

/// <summary>
/// One affected package of one advisory, as the auditor needs it: which versions, and how to say so. The
/// database keeps it beside the record in a compact text form, so that an audit never parses whole records.
/// </summary>
/// <param name="AdvisoryId">The advisory.</param>
/// <param name="Ecosystem">The package's ecosystem.</param>
/// <param name="Name">The package's name.</param>
/// <param name="Events">The versions, in <see cref="AffectedIndex"/>'s compact form.</param>
/// <param name="RangeText">The affected versions as an npm range (the WG's own text for WG records).</param>
public sealed record AffectedEntry(string AdvisoryId, string Ecosystem, string Name, string Events, string RangeText)
{
    /// <summary>The versions, compiled.</summary>
    public AffectedVersions Versions() => AffectedIndex.Read(Events);
}

/// <summary>
/// The compact text form of an affected entry's <c>SEMVER</c>/<c>ECOSYSTEM</c> ranges and listed versions: one
/// line per range (<c>introduced:0 fixed:1.2.3</c>), and a line <c>versions: 1.0.0 1.0.1</c>. It holds exactly
/// what <see cref="AffectedVersions"/> evaluates; ranges of other types are left out as they are there. Two forms
/// joined are the union of their versions, as two affected entries of one package are.
/// </summary>
public static class AffectedIndex
{
    private const string VersionsPrefix = "versions:";

    /// <summary>The entries of a record: one per affected package.</summary>
    public static IReadOnlyList<AffectedEntry> Of(OsvRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        string? wgRange = WorkingGroupRange(record);
        return [.. (record.Affected ?? [])
            .Where(a => a.Package is not null)
            .Select(a => new AffectedEntry(record.Id, a.Package!.Ecosystem, a.Package.Name, Write(a), wgRange ?? RangeText.Describe(a)))];
    }

    /// <summary>The compact form of an affected entry.</summary>
    public static string Write(OsvAffected affected)
    {
        ArgumentNullException.ThrowIfNull(affected);
        var sb = new StringBuilder();
        foreach (var range in affected.Ranges ?? [])
        {
            if (range.Type.Value is not (OsvRangeType.Semver or OsvRangeType.Ecosystem))
            {
                continue;
            }

            var events = range.Events.Where(e => e.Kind.IsKnown && !HasSpace(e.Version)).Select(e => $"{e.Kind.Text}:{e.Version}");
            sb.AppendJoin(' ', events).Append('\n');
        }

        var versions = (affected.Versions ?? []).Where(v => !HasSpace(v)).ToList();
        if (versions.Count > 0)
        {
            sb.Append(VersionsPrefix).Append(' ').AppendJoin(' ', versions).Append('\n');
        }

        return sb.ToString();
    }

    /// <summary>Compiles the compact form back into the versions it describes.</summary>
    /// <remarks>
    /// Read straight from the text into the compiled form (no OSV objects in between): an audit compiles thousands.
    /// </remarks>
    public static AffectedVersions Read(string compact)
    {
        ArgumentNullException.ThrowIfNull(compact);

        // The lists are this thread's, reused: taken while in use, so that a nested call would make its own.
        var scratch = t_scratch ?? new ReadScratch();
        t_scratch = null;
        scratch.Clear();
        var (versions, unreadable, ranges, problems, events, limits) = scratch;
        foreach (var lineRange in compact.AsSpan().Split('\n'))
        {
            var line = compact.AsSpan(lineRange);
            if (line.IsEmpty)
            {
                continue;
            }

            var words = line.Split(' ');
            bool first = true;
            bool versionsLine = false;
            events.Clear();
            limits.Clear();
            foreach (var wordRange in words)
            {
                var word = line[wordRange];
                if (word.IsEmpty)
                {
                    continue;
                }

                if (first)
                {
                    first = false;
                    if (word is VersionsPrefix)
                    {
                        versionsLine = true;
                        continue;
                    }
                }

                if (versionsLine)
                {
                    string text = word.ToString();
                    if (NpmVersion.TryParse(text, SemverOptions.Loose, out var parsed, out _))
                    {
                        versions.Add(parsed);
                    }
                    else
                    {
                        unreadable.Add(text);
                    }

                    continue;
                }

                int colon = word.IndexOf(':');
                if (colon > 0)
                {
                    var kind = KindOf(word[..colon]);
                    CompiledRange.AddEvent(kind, kind != OsvEventKind.Unknown, kind == OsvEventKind.Unknown ? word[..colon].ToString() : OsvSpelling.ToText(kind)!, word[(colon + 1)..], events, limits, problems);
                }
            }

            if (!versionsLine)
            {
                ranges.Add(CompiledRange.Build(events, limits));
            }
        }

        var result = new AffectedVersions([.. versions], unreadable.Count == 0 ? [] : [.. unreadable], [.. ranges], problems.Count == 0 ? [] : [.. problems]);
        t_scratch = scratch;
        return result;
    }

    /// <summary>The lists <see cref="Read"/> fills, kept per thread: an audit reads thousands of entries.</summary>
    [ThreadStatic]
    private static ReadScratch? t_scratch;

    private sealed class ReadScratch
    {
        private readonly List<NpmVersion> _versions = [];
        private readonly List<string> _unreadable = [];
        private readonly List<CompiledRange> _ranges = [];
        private readonly List<string> _problems = [];
        private readonly List<CompiledRange.Event> _events = [];
        private readonly List<CompiledRange.Event> _limits = [];

        public void Clear()
        {
            _versions.Clear();
            _unreadable.Clear();
            _ranges.Clear();
            _problems.Clear();
            _events.Clear();
            _limits.Clear();
        }

        public void Deconstruct(
            out List<NpmVersion> versions, out List<string> unreadable, out List<CompiledRange> ranges, out List<string> problems,
            out List<CompiledRange.Event> events, out List<CompiledRange.Event> limits)
        {
            (versions, unreadable, ranges, problems, events, limits) = (_versions, _unreadable, _ranges, _problems, _events, _limits);
        }
    }

    private static OsvEventKind KindOf(ReadOnlySpan<char> text) => text switch
    {
        "introduced" => OsvEventKind.Introduced,
        "fixed" => OsvEventKind.Fixed,
        "last_affected" => OsvEventKind.LastAffected,
        "limit" => OsvEventKind.Limit,
        _ => OsvEventKind.Unknown,
    };

    private static bool HasSpace(string text) => text.Any(char.IsWhiteSpace);

    /// <summary>The WG's own range text (<c>database_specific.nswg.vulnerable_versions</c>) for an advisory from the WG.</summary>
    private static string? WorkingGroupRange(OsvRecord record) =>
        record.DatabaseSpecific is { ValueKind: JsonValueKind.Object } d && d.TryGetProperty("nswg", out var nswg) &&
        nswg.ValueKind == JsonValueKind.Object && nswg.TryGetProperty("vulnerable_versions", out var text) && text.ValueKind == JsonValueKind.String
            ? text.GetString()
            : null;
}
