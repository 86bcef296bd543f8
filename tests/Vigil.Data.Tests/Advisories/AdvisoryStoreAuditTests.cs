using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Vigil.Data.Advisories;
using Vigil.Domain.Advisories;
using Vigil.Domain.Osv;
using Vigil.Domain.Osv.Matching;
using Vigil.Testing;
using static Vigil.Data.Tests.Advisories.Records;

namespace Vigil.Data.Tests.Advisories;

/// <summary>What an audit reads from the store: affected entries by package name, facts by advisory id.</summary>
public sealed class AdvisoryStoreAuditTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private static readonly string[] OddNames = ["left-pad", "@scope/pkg", "quote\"d", "back\\slash", "é-ü", "emoji-😀", "sp ace", "comma,'semi;"];

    [Fact]
    public void AffectedEntries_FindsEveryNamedPackage_HoweverManyAndHoweverSpelled()
    {
        var store = new AdvisoryStore(VigilDatabase.OpenSqlite(_temp.File("vigil.db")));
        string[] names = [.. OddNames, .. Enumerable.Range(0, 1200).Select(i => $"pkg-{i}")];
        store.Import([.. names.Select((name, i) => new AdvisoryImport(Make($"X-{i}", package: Json(name)), "test"))]);

        string[] asked = [.. names.Where((_, i) => i % 2 == 0), "not-there", "LEFT-PAD", "\ud800-lone"];
        var found = store.AffectedEntries("npm", asked);

        Assert.Equal(names.Where((_, i) => i % 2 == 0).Order(StringComparer.Ordinal), found.Select(e => e.Name).Order(StringComparer.Ordinal));
        Assert.All(found, e => Assert.Equal($"X-{Array.IndexOf(names, e.Name)}", e.AdvisoryId));
        Assert.Empty(store.AffectedEntries("PyPI", names));
        Assert.Empty(store.AffectedEntries("npm", []));
    }

    [Fact]
    public void Facts_OfManyIds_LeaveOutWithdrawnAndUnknownOnes()
    {
        var store = new AdvisoryStore(VigilDatabase.OpenSqlite(_temp.File("vigil.db")));
        var ids = Enumerable.Range(0, 1200).Select(i => $"X-{i}").ToArray();
        store.Import([.. ids.Select(id => new AdvisoryImport(Make(id, summary: "summary of " + id), "test")), new(Withdrawn("W-1"), "test")]);

        var facts = store.Facts([.. ids, "W-1", "unknown", "x-1"]);

        Assert.Equal(ids.Order(StringComparer.Ordinal), facts.Keys.Order(StringComparer.Ordinal));
        Assert.All(facts, f => Assert.Equal("summary of " + f.Key, f.Value.Summary));
        Assert.Empty(store.Facts([]));
    }

    [Fact]
    public void Facts_ThroughPackages_GiveWhatFactsByIdGive_ForOddNamesAndWithoutWithdrawnOnes()
    {
        var store = new AdvisoryStore(VigilDatabase.OpenSqlite(_temp.File("vigil.db")));
        string[] names = [.. OddNames, .. Enumerable.Range(0, 1200).Select(i => $"pkg-{i}")];
        store.Import([
            .. names.Select((name, i) => new AdvisoryImport(Make($"X-{i}", summary: "summary of " + i, aliases: $$"""["CVE-2026-{{i}}"]""", package: Json(name)), "test")),
            new(Withdrawn("W-1"), "test"),
        ]);

        var keys = names.Select((name, i) => (name, $"X-{i}")).Append(("left-pad", "W-1")).Append(("left-pad", "X-9")).Append(("\ud800-lone", "X-0")).ToList();
        var facts = store.Facts("npm", keys);

        var expected = store.Facts([.. names.Select((_, i) => $"X-{i}"), "W-1"]);
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), facts.Keys.Order(StringComparer.Ordinal));
        Assert.All(facts, f => Assert.Equivalent(expected[f.Key], f.Value, strict: true));
        Assert.Empty(store.Facts("PyPI", keys));
        Assert.Empty(store.Facts("npm", Array.Empty<(string, string)>()));
    }

    [Fact]
    public void ReadOnlyStore_ReadsTheEntriesAndFactsOfTheRecords()
    {
        // Texts repeated across advisories (ranges, vectors, weaknesses) and texts that are not ASCII, a missing summary,
        // url and score: the read-only connection reads them as bytes and keeps one string per distinct text.
        string[] vectors = ["CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "CVSS:3.1/AV:N/AC:H/PR:N/UI:R/S:U/C:L/I:N/A:N"];
        var records = OddNames.Concat(Enumerable.Range(0, 300).Select(i => $"pkg-{i % 120}")).Select((name, i) => OsvJson.Read(Encoding.UTF8.GetBytes($$"""
            {"id": "X-{{i}}-é", "modified": "2026-01-01T00:00:00Z", "aliases": ["CVE-2026-{{i}}", "GHSA-{{i}}"],
             {{(i % 3 == 0 ? "" : $"\"summary\": \"résumé {i % 7}\",")}}
             {{(i % 4 == 0 ? "" : $"\"severity\": [{{\"type\": \"CVSS_V3\", \"score\": \"{vectors[i % 2]}\"}}],")}}
             {{(i % 5 == 0 ? "" : $"\"references\": [{{\"type\": \"ADVISORY\", \"url\": \"https://example.test/{i}\"}}],")}}
             "database_specific": {"cwe_ids": [{{(i % 6 == 0 ? "" : $"\"CWE-{i % 3}\", \"CWE-79\"")}}]},
             "affected": [{"package": {"ecosystem": "npm", "name": "{{Json(name)}}"},
                           "ranges": [{"type": "SEMVER", "events": [{"introduced": "{{i % 4}}.0.0"}, {"fixed": "{{i % 4}}.{{i % 9}}.1"}]}]},
                          {"package": {"ecosystem": "npm", "name": "{{Json(name)}}-ü"}, "versions": ["1.0.0-ß.{{i % 2}}"]}]}
            """), "test")).ToList();
        new AdvisoryStore(VigilDatabase.OpenSqlite(_temp.File("vigil.db"))).Import([.. records.Select(r => new AdvisoryImport(r, "test"))]);
        var store = new AdvisoryStore(VigilDatabase.OpenSqliteForReading(_temp.File("vigil.db")));
        var expected = records.SelectMany(AffectedIndex.Of).ToList();
        var names = expected.Select(e => e.Name).Where((_, i) => i % 3 != 1).Append("not-there").ToHashSet(StringComparer.Ordinal);

        var entries = store.AffectedEntries("npm", names);

        Assert.Equal(
            expected.Where(e => names.Contains(e.Name)).Select(e => e.ToString()).Order(StringComparer.Ordinal),
            entries.Select(e => e.ToString()).Order(StringComparer.Ordinal));
        var facts = store.Facts("npm", [.. entries.Select(e => (e.Name, e.AdvisoryId))]);
        var matched = entries.Select(e => e.AdvisoryId).ToHashSet(StringComparer.Ordinal);
        Assert.Equal(matched.Order(StringComparer.Ordinal), facts.Keys.Order(StringComparer.Ordinal));
        Assert.All(records.Where(r => matched.Contains(r.Id)), r => Assert.Equivalent(AdvisoryFacts.Of(r), facts[r.Id], strict: true));
        Assert.Contains(facts.Values, f => f.Summary is null && f.Url is null && f.Severity.Score is null && f.Cwes.Count == 0);
    }

    private static string Json(string text) => JsonEncodedText.Encode(text, JavaScriptEncoder.UnsafeRelaxedJsonEscaping).Value;

    private static OsvRecord Withdrawn(string id) => OsvJson.Read(Encoding.UTF8.GetBytes($$"""
        {"id": "{{id}}", "modified": "2026-01-01T00:00:00Z", "withdrawn": "2026-01-02T00:00:00Z", "summary": "gone",
         "affected": [{"package": {"ecosystem": "npm", "name": "left-pad"},
                       "ranges": [{"type": "SEMVER", "events": [{"introduced": "0"}]}]}]}
        """), id);
}
