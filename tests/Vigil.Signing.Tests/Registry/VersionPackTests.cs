using Vigil.Signing.Registry;
using Vigil.Signing.Verification;
using Vigil.Testing;

namespace Vigil.Signing.Tests.Registry;

/// <summary>The cache's pack of version records: what is written is read back, and a damaged pack is a miss with a warning.</summary>
public sealed class VersionPackTests : IDisposable
{
    private readonly TempDirectory _folder = new();
    private readonly List<string> _warnings = [];

    public void Dispose() => _folder.Dispose();

    private string File => _folder.File("versions.pack");

    private static RegistryVersion Record(string name, string version, DateTimeOffset? published = null) => new(
        name,
        version,
        "sha512-" + Convert.ToBase64String(System.Security.Cryptography.SHA512.HashData(System.Text.Encoding.UTF8.GetBytes(name + version))),
        version.StartsWith('1') ? null : "0123456789abcdef0123456789abcdef01234567",
        $"https://registry.example/{name}/-/{name}-{version}.tgz",
        [new RegistrySignature("SHA256:key-" + name, "c2ln"), new RegistrySignature("SHA256:other", "b3RoZXI=")],
        version.EndsWith('0') ? $"https://registry.example/-/npm/v1/attestations/{name}@{version}" : null,
        published);

    [Fact]
    public void Every_field_of_every_record_is_read_back()
    {
        var at = new DateTimeOffset(2024, 3, 1, 12, 30, 15, 123, TimeSpan.Zero);
        var records = new[] { Record("left-pad", "1.3.0", at), Record("@acme/widget", "2.0.0-beta.1"), Record("ünïcode", "3.1.1", at) };
        Assert.True(VersionPack.TryOpen(VersionPack.Encode(records), out var pack, out string? error), error);

        Assert.Equal(3, pack.Count);
        foreach (var record in records)
        {
            var read = pack.Find(record.Name, record.Version);
            Assert.NotNull(read);
            Assert.Equal(record with { Signatures = [] }, read with { Signatures = [] });
            Assert.Equal(record.Signatures, read.Signatures);
        }

        Assert.Null(pack.Find("left-pad", "1.3.1"));
        Assert.Null(pack.Find("left-pad@1.3.0", string.Empty));
    }

    [Fact]
    public void Saved_records_are_found_by_the_next_run_and_merged_with_those_already_there()
    {
        var first = new CachedVersions(File, _warnings.Add);
        first.Add(Record("a", "1.0.0"));
        first.Save();
        var second = new CachedVersions(File, _warnings.Add);
        Assert.NotNull(second.Find("a", "1.0.0"));
        second.Add(Record("b", "2.0.0"));
        second.Save();

        var third = new CachedVersions(File, _warnings.Add);
        Assert.NotNull(third.Find("a", "1.0.0"));
        Assert.NotNull(third.Find("b", "2.0.0"));
        Assert.Empty(_warnings);
        Assert.Empty(Directory.GetFiles(_folder.Path, "*.tmp-*"));
    }

    [Theory]
    [InlineData("truncated")]
    [InlineData("flipped")]
    [InlineData("garbage")]
    [InlineData("empty")]
    public void A_damaged_pack_is_a_miss_with_a_warning_and_the_next_save_replaces_it(string damage)
    {
        var writer = new CachedVersions(File, _warnings.Add);
        writer.Add(Record("a", "1.0.0"));
        writer.Save();
        byte[] bytes = System.IO.File.ReadAllBytes(File);
        byte[] damaged = damage switch
        {
            "truncated" => bytes[..(bytes.Length / 2)],
            "flipped" => [.. bytes[..20], (byte)(bytes[20] ^ 1), .. bytes[21..]],
            "garbage" => "{\"not\": \"a pack\"}"u8.ToArray(),
            _ => [],
        };
        System.IO.File.WriteAllBytes(File, damaged);

        var reader = new CachedVersions(File, _warnings.Add);
        Assert.Null(reader.Find("a", "1.0.0"));
        string warning = Assert.Single(_warnings);
        Assert.Contains("versions.pack", warning, StringComparison.Ordinal);
        Assert.Contains("treated as empty", warning, StringComparison.Ordinal);

        reader.Add(Record("b", "2.0.0"));
        reader.Save();
        var after = new CachedVersions(File, _warnings.Add);
        Assert.NotNull(after.Find("b", "2.0.0"));
        Assert.Single(_warnings);
    }

    [Fact]
    public void A_pack_whose_count_claims_more_records_than_it_holds_is_refused()
    {
        byte[] bytes = VersionPack.Encode([Record("a", "1.0.0")]);
        bytes[8] = 2;
        // The checksum is made right again, so only the record walk can find it out.
        byte[] body = bytes[..^32];
        byte[] fixedUp = [.. body, .. System.Security.Cryptography.SHA256.HashData(body)];
        Assert.False(VersionPack.TryOpen(fixedUp, out _, out string? error));
        Assert.Contains("past the end", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Runs_saving_at_once_leave_a_whole_pack()
    {
        var savers = Enumerable.Range(0, 8).Select(i =>
        {
            var versions = new CachedVersions(File, _warnings.Add);
            for (int j = 0; j < 200; j++)
            {
                versions.Add(Record("p" + i, "1.0." + j));
            }

            return versions;
        }).ToList();

        await Task.WhenAll(savers.Select(s => Task.Run(s.Save, TestContext.Current.CancellationToken)));

        Assert.True(VersionPack.TryOpen(System.IO.File.ReadAllBytes(File), out var pack, out string? error), error);
        Assert.True(pack.Count >= 200, $"{pack.Count} records");
        Assert.Empty(_warnings);
        Assert.Empty(Directory.GetFiles(_folder.Path, "*.tmp-*"));
    }
}
