using System.IO.Compression;
using System.Security.Cryptography;
using Vigil.Signing.Integrity;
using Vigil.Signing.Tarballs;

namespace Vigil.Signing.Tests.Tarballs;

/// <summary>Inspections that watch the process's allocations and the disk: not run beside other tests.</summary>
[CollectionDefinition(nameof(HostileTarballs), DisableParallelization = true)]
public sealed class HostileTarballs;

/// <summary>
/// The bar: crafted tarballs (absolute paths, <c>../</c>, symlink and hardlink escapes, 10,000-deep folders,
/// a 1:1000 gzip bomb, a million entries) are rejected, naming the entry, within 256 MB of allocations, writing
/// nothing. The time bar is measured by <c>bench/tarballs</c>, not here.
/// </summary>
[Collection(nameof(HostileTarballs))]
public class HostileTarballTests
{
    private const long MaxAllocatedBytes = 256L * 1024 * 1024;

    private static readonly Lazy<byte[]> Bomb = new(() => CraftedTar.Gzip(
        t => t.File("package/package.json", "{}"u8.ToArray()).ZeroFile("package/bomb.bin", 1L << 30).End(),
        CompressionLevel.SmallestSize));

    private static readonly Lazy<byte[]> MillionEntries = new(() => CraftedTar.Gzip(t =>
    {
        for (int i = 0; i < 1_000_000; i++)
        {
            t.Entry('0', "package/f" + i.ToString(System.Globalization.CultureInfo.InvariantCulture) + ".js", 0);
        }

        t.End();
    }));

    public static TheoryData<string> Cases() =>
    [
        "absolute", "dot-dot", "symlink", "hardlink", "deep-folders", "deep-path", "deep-gnu-name", "bomb", "million",
    ];

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_crafted_tarball_is_rejected_naming_the_entry_within_the_memory_bar_writing_nothing(string name)
    {
        var (tarball, expected) = Crafted(name);
        using var scratch = new Vigil.Testing.TempDirectory();
        var before = Snapshot(Environment.CurrentDirectory);
        var tmp = Environment.GetEnvironmentVariable("TMPDIR");
        Environment.SetEnvironmentVariable("TMPDIR", scratch.Path);
        TarballInspection inspection;
        long allocated;
        try
        {
            long start = GC.GetTotalAllocatedBytes(precise: true);
            inspection = await TarballInspector.InspectAsync(new MemoryStream(tarball, writable: false), Sha512(tarball), CancellationToken.None);
            allocated = GC.GetTotalAllocatedBytes(precise: true) - start;
        }
        finally
        {
            Environment.SetEnvironmentVariable("TMPDIR", tmp);
        }

        Assert.Equal(TarballInspectionStatus.Rejected, inspection.Status);
        Assert.Contains(expected, inspection.Problem, StringComparison.Ordinal);
        Assert.True(allocated < MaxAllocatedBytes, $"{name}: {allocated:N0} bytes allocated");
        Assert.Empty(Directory.GetFileSystemEntries(scratch.Path));
        Assert.Equal(before, Snapshot(Environment.CurrentDirectory));
    }

    [Fact]
    public async Task The_bomb_is_stopped_while_streaming_after_a_few_kilobytes_of_input()
    {
        var bomb = Bomb.Value;
        Assert.True(bomb.Length < (2L << 30) / 1000, $"the crafted bomb is {bomb.Length:N0} bytes: not 1:1000");
        var inspection = await TarballInspector.InspectAsync(new MemoryStream(bomb), Sha512(bomb), CancellationToken.None);
        Assert.Equal(TarballInspectionStatus.Rejected, inspection.Status);
        Assert.True(inspection.CompressedBytes < 256 * 1024, $"{inspection.CompressedBytes:N0} compressed bytes read");
        Assert.True(inspection.UncompressedBytes < 64L * 1024 * 1024, $"{inspection.UncompressedBytes:N0} bytes decompressed");
    }

    [Fact]
    public async Task A_million_entries_stop_at_the_entry_limit()
    {
        var tarball = MillionEntries.Value;
        var inspection = await TarballInspector.InspectAsync(new MemoryStream(tarball), Sha512(tarball), CancellationToken.None);
        Assert.Equal(TarballInspectionStatus.Rejected, inspection.Status);
        Assert.Equal(TarballLimits.MaxEntries + 1, inspection.Entries);
    }

    internal static (byte[] Tarball, string Expected) Crafted(string name) => name switch
    {
        "absolute" => (CraftedTar.Gzip(t => t.File("/etc/cron.d/evil", "x"u8.ToArray()).End()), "entry 1 '/etc/cron.d/evil' has an absolute path"),
        "dot-dot" => (CraftedTar.Gzip(t => t.File("package/index.js", "x"u8.ToArray()).File("package/../../.bashrc", "x"u8.ToArray()).End()),
            "entry 2 'package/../../.bashrc' has a '..' segment"),
        "symlink" => (CraftedTar.Gzip(t => t.File("package/index.js", "x"u8.ToArray()).Entry('2', "package/lib", 0, "../../../../etc").End()),
            "entry 2 'package/lib' is a symbolic link to '../../../../etc'"),
        "hardlink" => (CraftedTar.Gzip(t => t.File("package/index.js", "x"u8.ToArray()).Entry('1', "package/passwd", 0, "/etc/passwd").End()),
            "entry 2 'package/passwd' is a hard link to '/etc/passwd'"),
        "deep-folders" => (CraftedTar.Gzip(t =>
        {
            for (int depth = 1; depth <= 10_000; depth++)
            {
                t.Folder("package/" + string.Concat(Enumerable.Repeat("d/", depth)));
            }

            t.End();
        }), $"is more than {TarballLimits.MaxPathDepth} folders deep"),
        "deep-path" => (CraftedTar.Gzip(t => t.File("package/" + string.Concat(Enumerable.Repeat("d/", 10_000)) + "x.js", "x"u8.ToArray()).End()),
            $"gives a path longer than {TarballLimits.MaxPathLength} bytes"),
        "deep-gnu-name" => (CraftedTar.Gzip(t => t.GnuLongName("package/" + string.Concat(Enumerable.Repeat("d/", 10_000)) + "x.js").Entry('0', "package/x.js", 0).End()),
            $"gives a path longer than {TarballLimits.MaxPathLength} bytes"),
        "bomb" => (Bomb.Value, $"entry 2 'package/bomb.bin': the tarball unpacks to more than {TarballLimits.MaxCompressionRatio} times"),
        "million" => (MillionEntries.Value, $"more than {TarballLimits.MaxEntries:N0} entries"),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    internal static IntegrityHash Sha512(byte[] bytes)
    {
        Assert.True(IntegrityValue.TryParse("sha512-" + Convert.ToBase64String(SHA512.HashData(bytes)), out var value, out _));
        return value!.Strongest;
    }

    private static string Snapshot(string folder) => string.Join('\n',
        Directory.EnumerateFileSystemEntries(folder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal));
}
