using Vigil.Domain.Advisories;
using Vigil.Domain.Osv.Matching;

namespace Vigil.Audit.Tests;

public class PrefetchedLookupTests
{
    private static readonly AffectedEntry[] Entries =
    [
        new("A-1", "npm", "lodash", "introduced:0 fixed:4.17.21", "<4.17.21"),
        new("A-2", "npm", "lodash", "introduced:0 fixed:4.17.12", "<4.17.12"),
        new("A-3", "npm", "minimist", "introduced:0 fixed:1.2.6", "<1.2.6"),
        new("A-4", "npm", "ms", "introduced:0 fixed:2.0.0", "<2.0.0"),
        new("A-5", "crates.io", "lodash", "introduced:0 fixed:9.0.0", "<9.0.0"),
    ];

    [Fact]
    public void Names_fetched_ahead_are_answered_from_what_was_fetched_and_the_rest_are_asked()
    {
        var inner = new CountingLookup(Entries);
        HashSet<string> fetchedNames = ["lodash", "minimist", "left-pad"];
        var fetched = inner.AffectedEntries("npm", fetchedNames);
        var lookup = new PrefetchedLookup(inner, "npm", fetchedNames, fetched);
        inner.Asked.Clear();

        // The auditor asks for some names fetched (not all: --omit) and one that was not.
        var answer = lookup.AffectedEntries("npm", new HashSet<string> { "lodash", "ms" });

        Assert.Equal(["A-1", "A-2", "A-4"], answer.Select(e => e.AdvisoryId));
        Assert.Equal(["ms"], Assert.Single(inner.Asked));
    }

    [Fact]
    public void The_answer_is_the_inner_lookups_whatever_was_fetched()
    {
        var random = new Random(20261130);
        string[] all = ["lodash", "minimist", "ms", "left-pad", "express"];
        for (var round = 0; round < 200; round++)
        {
            var inner = new CountingLookup(Entries);
            var fetchedNames = all.Where(_ => random.Next(2) == 0).ToHashSet(StringComparer.Ordinal);
            var lookup = new PrefetchedLookup(inner, "npm", fetchedNames, inner.AffectedEntries("npm", fetchedNames));
            var wanted = all.Where(_ => random.Next(2) == 0).ToHashSet(StringComparer.Ordinal);
            Assert.Equal(
                inner.AffectedEntries("npm", wanted).Select(e => e.AdvisoryId).Order(),
                lookup.AffectedEntries("npm", wanted).Select(e => e.AdvisoryId).Order());
        }
    }

    [Fact]
    public void Another_ecosystem_and_the_facts_go_to_the_inner_lookup()
    {
        var inner = new CountingLookup(Entries);
        var lookup = new PrefetchedLookup(inner, "npm", new HashSet<string> { "lodash" }, [Entries[0], Entries[1]]);
        Assert.Equal(["A-5"], lookup.AffectedEntries("crates.io", ["lodash"]).Select(e => e.AdvisoryId));
        Assert.Empty(lookup.Facts(["A-1"]));
        Assert.Equal(["A-1"], inner.FactsAsked.Single());
    }

    /// <summary>Entries held in memory, recording what it was asked.</summary>
    private sealed class CountingLookup(IReadOnlyList<AffectedEntry> entries) : IAdvisoryLookup
    {
        public List<List<string>> Asked { get; } = [];

        public List<List<string>> FactsAsked { get; } = [];

        public IReadOnlyList<AffectedEntry> AffectedEntries(string ecosystem, IReadOnlyCollection<string> names)
        {
            Asked.Add([.. names.Order(StringComparer.Ordinal)]);
            return [.. entries.Where(e => e.Ecosystem == ecosystem && names.Contains(e.Name))];
        }

        public IReadOnlyDictionary<string, AdvisoryFacts> Facts(IReadOnlyCollection<string> ids)
        {
            FactsAsked.Add([.. ids]);
            return new Dictionary<string, AdvisoryFacts>();
        }
    }
}
