using Vigil.Disclosure.Cwe;
using Vigil.Testing;

namespace Vigil.Disclosure.Tests.Cwe;

/// <summary>The CWE list a reporter chooses from: MITRE's names, found by id and by words of the name.</summary>
public class CweCatalogueTests
{
    private static readonly CweCatalogue Catalogue = CweCatalogue.Default;

    [Theory]
    [InlineData("CWE-79")]
    [InlineData("cwe-79")]
    [InlineData("79")]
    public void An_id_is_found_in_any_usual_spelling(string id)
    {
        var entry = Catalogue.Find(id);

        Assert.NotNull(entry);
        Assert.Equal("CWE-79", entry.Id);
        Assert.Equal("Improper Neutralization of Input During Web Page Generation ('Cross-site Scripting')", entry.Name);
    }

    [Theory]
    [InlineData("CWE-079")]
    [InlineData("CWE-")]
    [InlineData("CWE--79")]
    [InlineData("+79")]
    [InlineData(" 79")]
    [InlineData("CWE-9999999")]
    [InlineData("CWE-1000")]
    [InlineData("")]
    [InlineData(null)]
    public void What_is_not_a_known_weakness_is_not_found(string? id) => Assert.Null(Catalogue.Find(id));

    [Fact]
    public void Deprecated_weaknesses_are_left_out_and_the_source_is_named()
    {
        Assert.DoesNotContain(Catalogue.Entries, e => e.Name.StartsWith("DEPRECATED", StringComparison.OrdinalIgnoreCase));
        Assert.Contains("MITRE CWE 4.15", Catalogue.Source, StringComparison.Ordinal);
        Assert.InRange(Catalogue.Entries.Count, 900, 1000);
    }

    [Fact]
    public void Search_matches_every_word_in_any_case_and_puts_prefixes_first()
    {
        var found = Catalogue.Search("prototype POLLUTION");

        Assert.Equal("CWE-1321", Assert.Single(found).Id);
        Assert.Equal("CWE-400", Catalogue.Search("uncontrolled resource")[0].Id);
        Assert.All(Catalogue.Search("injection", limit: 50), e => Assert.Contains("injection", e.Name, StringComparison.OrdinalIgnoreCase));
        Assert.Equal(5, Catalogue.Search("injection", limit: 5).Count);
    }

    [Fact]
    public void Search_by_id_finds_that_weakness_first()
    {
        Assert.Equal("CWE-22", Catalogue.Search("CWE-22")[0].Id);
        Assert.Empty(Catalogue.Search("   "));
        Assert.Empty(Catalogue.Search("no weakness has this name"));
    }

    [Theory]
    [InlineData("79 no tab")]
    [InlineData("x\tname")]
    [InlineData("79\t")]
    [InlineData("79\ta\n79\tb")]
    public void Malformed_lists_are_refused(string text) =>
        Assert.Throws<FormatException>(() => CweCatalogue.Parse(new StringReader(text)));

    [Fact]
    public void The_embedded_list_is_exactly_what_the_script_makes_from_the_pinned_package()
    {
        string tool = NodeTools.Tool("cwe-catalogue");
        string generated = NodeTools.RunNode(tool, "generate.js", string.Empty, TimeSpan.FromMinutes(1));
        string embedded = File.ReadAllText(Path.Combine(SharedData.RepositoryRoot, "src", "Vigil.Disclosure", "Cwe", "cwe.tsv"));

        Assert.Equal(embedded, generated);
        Assert.Equal(embedded.Split('\n').Count(l => l.Length > 0 && !l.StartsWith('#')), Catalogue.Entries.Count);
    }
}
