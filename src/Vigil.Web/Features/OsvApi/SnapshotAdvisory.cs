using System.Buffers;
using System.Text;
using System.Text.Json;
using Vigil.Data.Advisories;
using Vigil.Domain.Advisories;
using Vigil.Domain.Osv;
using Vigil.Domain.Osv.Matching;

namespace Vigil.Web.Features.OsvApi;

/// <summary>One affected package of an advisory, its versions compiled once (two entries of one package are joined).</summary>
/// <param name="Advisory">The advisory.</param>
/// <param name="Entry">The entry as the auditor reads it.</param>
/// <param name="Versions">The versions, compiled.</param>
internal sealed record SnapshotPackage(SnapshotAdvisory Advisory, AffectedEntry Entry, AffectedVersions Versions);

/// <summary>An advisory as the in-memory index holds it: what answers need, serialized once.</summary>
internal sealed class SnapshotAdvisory
{
    private SnapshotAdvisory(OsvRecord record, byte[] json)
    {
        Id = record.Id;
        Json = json;
        Withdrawn = record.Withdrawn is not null;
        Facts = AdvisoryFacts.Of(record);
        Keys = [.. new[] { record.Id }.Concat(record.Aliases ?? []).Select(Key).Distinct(StringComparer.Ordinal)];
        IdAndModified = IdModified(record.Id, record.Modified.Text);
        Packages = [.. AffectedIndex.Of(record)
            .GroupBy(e => (e.Ecosystem, e.Name))
            .Select(g => g.Count() == 1 ? g.First() : g.First() with
            {
                Events = string.Concat(g.Select(e => e.Events)),
                RangeText = string.Join(" || ", g.Select(e => e.RangeText).Distinct()),
            })
            .Select(e => new SnapshotPackage(this, e, e.Versions()))];
    }

    /// <summary>The advisory id.</summary>
    public string Id { get; }

    /// <summary>The whole OSV record, compact UTF-8 JSON, as stored.</summary>
    public byte[] Json { get; }

    /// <summary><c>{"id":…,"modified":…}</c>, what a batch answer lists.</summary>
    public byte[] IdAndModified { get; }

    /// <summary>Whether the advisory was withdrawn (answered by id, never matched).</summary>
    public bool Withdrawn { get; }

    /// <summary>What reports show (for <see cref="Vigil.Audit.IAdvisoryLookup"/>).</summary>
    public AdvisoryFacts Facts { get; }

    /// <summary>Its id and aliases, as lookup keys (upper case).</summary>
    public IReadOnlyList<string> Keys { get; }

    /// <summary>The packages it affects.</summary>
    public IReadOnlyList<SnapshotPackage> Packages { get; }

    /// <summary>Reads a stored advisory.</summary>
    public static SnapshotAdvisory Of(ChangedAdvisory stored)
    {
        byte[] json = Encoding.UTF8.GetBytes(stored.Json);
        return new SnapshotAdvisory(OsvJson.Read(json, "database"), json);
    }

    private static byte[] IdModified(string id, string modified)
    {
        var buffer = new ArrayBufferWriter<byte>(96);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("id", id);
            writer.WriteString("modified", modified);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Ids and aliases are found whatever their case, as the database finds them.</summary>
    public static string Key(string idOrAlias) => idOrAlias.Trim().ToUpperInvariant();
}
