using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Vigil.Data.Advisories;
using Vigil.Domain.Osv;
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

    private static string Json(string text) => JsonEncodedText.Encode(text, JavaScriptEncoder.UnsafeRelaxedJsonEscaping).Value;

    private static OsvRecord Withdrawn(string id) => OsvJson.Read(Encoding.UTF8.GetBytes($$"""
        {"id": "{{id}}", "modified": "2026-01-01T00:00:00Z", "withdrawn": "2026-01-02T00:00:00Z", "summary": "gone",
         "affected": [{"package": {"ecosystem": "npm", "name": "left-pad"},
                       "ranges": [{"type": "SEMVER", "events": [{"introduced": "0"}]}]}]}
        """), id);
}
