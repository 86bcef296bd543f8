using Vigil.Advisories.Nswg;
using Vigil.Testing;

namespace Vigil.Advisories.Tests.Nswg;

/// <summary>Telling a record's kind from its path, and listing a database's record files.</summary>
public sealed class PathTests
{
    [Theory]
    [InlineData("vuln/core/7.json", true, NswgKind.Core)]
    [InlineData("npm/12.json", true, NswgKind.Npm)]
    [InlineData(@"C:\security-wg\vuln\deps\6.json", true, NswgKind.Deps)]
    [InlineData("npm/foo.json", true, NswgKind.Npm)]
    [InlineData("vuln/npm/index.json", false, default(NswgKind))]
    [InlineData("vuln/npm/.json", false, default(NswgKind))]
    [InlineData("vuln/npm/12.txt", false, default(NswgKind))]
    [InlineData("vuln/other/12.json", false, default(NswgKind))]
    [InlineData("12.json", false, default(NswgKind))]
    [InlineData("vuln/NPM/12.json", false, default(NswgKind))]
    public void The_kind_comes_from_the_folder(string path, bool isRecord, NswgKind kind)
    {
        Assert.Equal(isRecord, NswgPath.TryGetKind(path, out var found));
        Assert.Equal(kind, found);
    }

    [Theory]
    [InlineData("npm/12.json", 12L)]
    [InlineData("npm/012.json", 12L)]
    [InlineData("npm/12a.json", null)]
    [InlineData("npm/-1.json", null)]
    [InlineData("npm/99999999999999999999.json", null)]
    [InlineData("npm/12", null)]
    public void The_file_number_is_read_from_the_name(string path, long? number)
    {
        Assert.Equal(number, NswgPath.FileNumber(path));
    }

    [Fact]
    public void Index_files_are_recognised()
    {
        Assert.True(NswgPath.IsIndexFile("vuln/core/index.json"));
        Assert.False(NswgPath.IsIndexFile("vuln/core/1.json"));
    }

    [Fact]
    public void Record_files_are_listed_by_kind_then_number()
    {
        var files = NswgPath.EnumerateRecordFiles(SharedData.NodejsSecurityWg);
        var numbers = files.Select(f => (Folder: Path.GetFileName(Path.GetDirectoryName(f)), Number: NswgPath.FileNumber(f))).ToList();

        Assert.Equal(["core", "npm", "deps"], numbers.Select(n => n.Folder).Distinct());
        Assert.DoesNotContain(files, f => NswgPath.IsIndexFile(f));
        foreach (var group in numbers.GroupBy(n => n.Folder))
        {
            Assert.Equal(group.Select(n => n.Number).Order(), group.Select(n => n.Number));
        }
    }

    [Fact]
    public void A_folder_without_records_gives_an_empty_list()
    {
        Assert.Empty(NswgPath.EnumerateRecordFiles(Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N"))));
    }
}
