using System.IO.Compression;
using System.Text;
using Vigil.Advisories.Import;
using Vigil.Testing;

namespace Vigil.Advisories.Tests.Import;

public sealed class OsvArchiveTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private static string Record(string id) => $$"""{"id": "{{id}}", "modified": "2026-01-01T00:00:00Z"}""";

    private string Zip(params (string Name, byte[] Content)[] entries)
    {
        string path = _temp.File("all.zip");
        using var archive = ZipFile.Open(path, ZipArchiveMode.Create);
        foreach (var (name, content) in entries)
        {
            using var stream = archive.CreateEntry(name, CompressionLevel.SmallestSize).Open();
            stream.Write(content);
        }

        return path;
    }

    private static List<(AdvisoryDocument? Document, AdvisoryProblem? Problem)> Read(string path) => [.. AdvisoryInputs.Enumerate([path])];

    [Fact]
    public void ReadsEveryJsonEntry_InNameOrder_AndSkipsOthers()
    {
        string zip = Zip(("B-2.json", Encoding.UTF8.GetBytes(Record("B-2"))), ("A-1.json", Encoding.UTF8.GetBytes(Record("A-1"))), ("README.txt", [1, 2, 3]), ("npm/", []));
        var items = Read(zip);
        Assert.Equal([$"{zip}!A-1.json", $"{zip}!B-2.json"], items.Select(i => i.Document!.Location));
        Assert.All(items, i => Assert.Equal(AdvisoryFormat.Osv, i.Document!.Format));
        var parsed = AdvisoryParser.Parse(items[0].Document!, DateTimeOffset.UnixEpoch);
        Assert.Equal("A-1", parsed.Advisory!.Record.Id);
    }

    [Fact]
    public void AnEntryThatInflatesPastTheLimit_IsRejected_ButTheRestIsRead()
    {
        // 11 MiB of zeros compresses to a few kilobytes: a small bomb.
        string zip = Zip(("bomb.json", new byte[11 * 1024 * 1024]), ("ok.json", Encoding.UTF8.GetBytes(Record("OK-1"))));
        Assert.True(new FileInfo(zip).Length < 100_000);
        var items = Read(zip);
        Assert.Equal($"{zip}!bomb.json: the entry is larger than 10 MiB uncompressed", items[0].Problem!.ToString());
        Assert.Equal($"{zip}!ok.json", items[1].Document!.Location);
    }

    [Fact]
    public void NotAZip_IsOneProblem()
    {
        string path = _temp.File("fake.zip");
        File.WriteAllText(path, "this is not a zip archive");
        var items = Read(path);
        var problem = Assert.Single(items).Problem;
        Assert.StartsWith($"{path}: not a readable zip archive", problem!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void EntryNames_AreCleanedForMessages_AndNeverTouchTheDisk()
    {
        string zip = Zip(("../../evil\u001b[31m.json", Encoding.UTF8.GetBytes("{ not json")));
        var document = Assert.Single(Read(zip)).Document!;
        Assert.Equal($"{zip}!../../evil?[31m.json", document.Location);
        Assert.False(File.Exists(Path.Combine(_temp.Path, "..", "..", "evil\u001b[31m.json")));
        var (advisory, problems) = AdvisoryParser.Parse(document, DateTimeOffset.UnixEpoch);
        Assert.Null(advisory);
        Assert.StartsWith($"{zip}!../../evil?[31m.json:1:3: ", Assert.Single(problems).ToString(), StringComparison.Ordinal);
    }
}
