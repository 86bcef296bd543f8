using System.Security.Cryptography;
using System.Text;
using Vigil.Domain.Advisories;
using Vigil.Domain.Osv;
using Vigil.Domain.Osv.Matching;

namespace Vigil.Data.Advisories;

/// <summary>What the database derives from a record to find it: lookup keys, packages, search text, content hash.</summary>
internal sealed class AdvisoryIndex
{
    private static readonly OsvTimestamp NoTime = new("0");

    private AdvisoryIndex(OsvRecord record)
    {
        Record = record;
        Json = OsvJson.WriteString(record, indented: false);
        ContentHash = Convert.ToHexStringLower(SHA256.HashData(OsvJson.Write(record with { Modified = NoTime }, indented: false)));
        ModifiedTicks = record.Modified.Value?.UtcTicks ?? 0;
        Keys = [.. new[] { record.Id }.Concat(record.Aliases ?? []).Select(LookupKey).Distinct(StringComparer.Ordinal)];
        Facts = AdvisoryFacts.Of(record);

        // One row per package: two affected entries of one package are the union of their versions.
        Packages = [.. AffectedIndex.Of(record)
            .GroupBy(e => (e.Ecosystem, e.Name))
            .Select(g => g.Count() == 1 ? g.First() : g.First() with
            {
                Events = string.Concat(g.Select(e => e.Events)),
                RangeText = string.Join(" || ", g.Select(e => e.RangeText).Distinct()),
            })];
        var search = new StringBuilder().AppendJoin('\n', Keys).Append('\n')
            .Append(record.Summary).Append('\n').Append(record.Details).Append('\n')
            .AppendJoin('\n', Packages.Select(p => p.Name));
        SearchText = search.ToString().ToLowerInvariant();
    }

    public OsvRecord Record { get; }

    public string Json { get; }

    public string ContentHash { get; }

    public long ModifiedTicks { get; }

    public IReadOnlyList<string> Keys { get; }

    public AdvisoryFacts Facts { get; }

    public IReadOnlyList<AffectedEntry> Packages { get; }

    public string SearchText { get; }

    public static AdvisoryIndex Of(OsvRecord record) => new(record);

    /// <summary>Ids and aliases are found whatever their case: <c>cve-2022-35256</c> finds <c>CVE-2022-35256</c>.</summary>
    public static string LookupKey(string idOrAlias) => idOrAlias.Trim().ToUpperInvariant();
}
