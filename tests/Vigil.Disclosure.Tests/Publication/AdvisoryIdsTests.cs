using System.Text.Json;
using Vigil.Disclosure.Publication;
using Vigil.Testing;

namespace Vigil.Disclosure.Tests.Publication;

public class AdvisoryIdsTests
{
    [Fact]
    public void The_next_id_follows_the_highest_ecosystem_number()
    {
        Assert.Equal("NSWG-ECO-1", AdvisoryIds.NextEcosystemId([]));
        Assert.Equal("NSWG-ECO-11", AdvisoryIds.NextEcosystemId(["NSWG-ECO-2", "NSWG-ECO-10", "NSWG-COR-500", "GHSA-xxxx", "NSWG-ECO-099", "NSWG-ECO-1000x"]));
    }

    [Fact]
    public void After_the_working_groups_snapshot_comes_NSWG_ECO_520()
    {
        var ids = Directory.EnumerateFiles(Path.Combine(SharedData.NodejsSecurityWg, "npm"), "*.json")
            .Where(f => Path.GetFileName(f) != "index.json")
            .Select(f => JsonDocument.Parse(File.ReadAllBytes(f)).RootElement.GetProperty("id").GetInt64())
            .Select(n => "NSWG-ECO-" + n)
            .ToList();

        Assert.Equal("NSWG-ECO-520", AdvisoryIds.NextEcosystemId(ids));
    }

    [Theory]
    [InlineData("NSWG-ECO-7", true)]
    [InlineData("NSWG-ECO-07", false)]
    [InlineData("NSWG-ECO-", false)]
    [InlineData("nswg-eco-7", false)]
    [InlineData("NSWG-ECO--7", false)]
    public void Ids_are_read_strictly(string id, bool valid) => Assert.Equal(valid, AdvisoryIds.TryParseEcosystemId(id, out _));
}
