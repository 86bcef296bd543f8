using Vigil.Advisories.Import;
using Vigil.Testing;

namespace Vigil.Advisories.Tests.Import;

public sealed class AdvisoryInputsTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private string Write(string relative, string content = """{"id": "X-1", "modified": "2026-01-01T00:00:00Z"}""")
    {
        string path = Path.Combine(_temp.Path, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return path;
    }

    [Fact]
    public void AWorkingGroupFolder_YieldsItsRecords_WithoutTheIndexes()
    {
        var items = AdvisoryInputs.Enumerate([SharedData.NodejsSecurityWg]).ToList();
        Assert.All(items, i => Assert.Null(i.Problem));
        Assert.Equal(644, items.Count);
        Assert.DoesNotContain(items, i => i.Document!.Location.EndsWith("index.json", StringComparison.Ordinal));
        Assert.Equal(467, items.Count(i => i.Document!.Format == AdvisoryFormat.NswgNpm));
        Assert.Equal(171, items.Count(i => i.Document!.Format == AdvisoryFormat.NswgCore));
        Assert.Equal(6, items.Count(i => i.Document!.Format == AdvisoryFormat.NswgDeps));
    }

    [Fact]
    public void AFileIsReadByItsFolder_AndAnIndexOnItsOwnIsSkipped()
    {
        Assert.Equal(AdvisoryFormat.NswgCore, AdvisoryInputs.Enumerate([Path.Combine(SharedData.NodejsSecurityWg, "core", "1.json")]).Single().Document!.Format);
        Assert.Empty(AdvisoryInputs.Enumerate([Path.Combine(SharedData.NodejsSecurityWg, "npm", "index.json")]));
        Assert.Equal(AdvisoryFormat.Osv, AdvisoryInputs.Enumerate([Write("GHSA-1.json")]).Single().Document!.Format);
    }

    [Fact]
    public void AnyOtherFolder_IsSearchedForJson()
    {
        Write("a/one.json");
        Write("a/b/two.json");
        Write("a/notes.txt", "hello");
        var items = AdvisoryInputs.Enumerate([Path.Combine(_temp.Path, "a")]).ToList();
        Assert.Equal(2, items.Count);
        Assert.All(items, i => Assert.Equal(AdvisoryFormat.Osv, i.Document!.Format));
    }

    [Fact]
    public void OtherFiles_AreProblems_AndMissingPathsAreListed()
    {
        var problem = AdvisoryInputs.Enumerate([Write("notes.txt", "x")]).Single().Problem!;
        Assert.Contains("not an advisory file", problem.Message, StringComparison.Ordinal);
        Assert.Equal([_temp.File("nope")], AdvisoryInputs.Missing([_temp.Path, _temp.File("nope")]));
    }

    [Fact]
    public void FilesOverTenMebibytes_AreRefusedBeforeReading()
    {
        string path = _temp.File("huge.json");
        using (var stream = File.Create(path))
        {
            stream.SetLength(11L * 1024 * 1024);
        }

        var problem = AdvisoryInputs.Enumerate([path]).Single().Problem!;
        Assert.Equal("the file is larger than 10 MiB", problem.Message);
    }

    [Fact]
    public void AWorkingGroupRecordThatDoesNotConvert_SaysWhy()
    {
        string path = Write("npm/7.json", """
            {"id": 7, "created_at": "2020-01-01", "updated_at": "not a date", "title": "t", "author": {"name": "a", "website": null, "username": null}, "module_name": "m",
             "publish_date": "2020-01-01", "cves": [], "vulnerable_versions": "<1", "patched_versions": ">=1", "overview": "o",
             "recommendation": null, "references": null, "cvss_vector": null, "cvss_score": null, "coordinating_vendor": null}
            """);
        var (advisory, problems) = AdvisoryParser.Parse(AdvisoryInputs.Enumerate([path]).Single().Document!, DateTimeOffset.UnixEpoch);
        Assert.Null(advisory);
        Assert.Contains(problems, p => p.Location == path && p.Message.StartsWith("updated_at: ", StringComparison.Ordinal));
    }
}
