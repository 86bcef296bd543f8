using Vigil.Signing.Tarballs;

namespace Vigil.Signing.Tests.Tarballs;

/// <summary>The inspector's rules one by one, on small crafted tarballs; and the tar forms real tools write, accepted.</summary>
public class TarballRuleTests
{
    private static readonly byte[] X = "x"u8.ToArray();

    public static TheoryData<string, string> Refused() => new()
    {
        { "device", "entry 2 'package/tty' is a device" },
        { "fifo", "entry 2 'package/pipe' is a FIFO" },
        { "unknown-type", "entry 2 'package/v' has the unknown entry type 'V'" },
        { "nul", "entry 3 'package/a\\x00b.js' has a NUL character in its name" },
        { "control", "entry 2 'package/a\\x1bb.js' has a control character in its name" },
        { "backslash", "has a backslash in its name" },
        { "drive", "entry 1 'C:/Windows/evil.dll' has a Windows drive path" },
        { "not-utf8", "has a name that is not UTF-8" },
        { "other-root", "entry 2 'other/index.js' is outside the package folder 'package/'" },
        { "top-level-file", "entry 1 'evil.js' is a file outside the package folder" },
        { "duplicate", "entry 3 'package/./index.js' appears twice" },
        { "after-end", "there is data after the end-of-archive block" },
        { "checksum", "entry 2 ('package/index.js'): the header checksum does not match" },
        { "size-field", "entry 2 ('package/index.js'): the size field is not an octal number" },
        { "truncated", "entry 2 'package/big.js': the tar stream ends inside the entry's content (truncated)" },
        { "dangling-pax", "the tarball ends with an extended header that no entry follows" },
        { "global-path", "a pax global header sets a path" },
        { "sparse", "a sparse file" },
        { "bad-pax", "a pax extended header record is malformed" },
        { "folder-with-content", "is a folder with content" },
        { "not-gzip", "the gzip stream is malformed" },
        { "pax-link", "entry 3 'package/lib' is a symbolic link to '/etc/shadow'" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task An_unsafe_or_malformed_tarball_is_refused_naming_why(string name, string expected)
    {
        var tarball = Crafted(name);
        var inspection = await TarballInspector.InspectAsync(new MemoryStream(tarball), HostileTarballTests.Sha512(tarball), CancellationToken.None);
        Assert.Equal(TarballInspectionStatus.Rejected, inspection.Status);
        Assert.Contains(expected, inspection.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Long_paths_by_pax_and_GNU_long_names_other_package_folders_and_global_comments_are_accepted()
    {
        string longPath = "node/" + string.Concat(Enumerable.Repeat("folder/", 30)) + "index.d.ts";
        var tarball = CraftedTar.Gzip(t => t
            .Pax(("comment", "made by a test"), ("mtime", "1234.5"))
            .Folder("node")
            .File("node/package.json", "{}"u8.ToArray())
            .File(longPath, X)
            .GnuLongName("node/" + string.Concat(Enumerable.Repeat("gnu/", 40)) + "a.js").Entry('0', "node/short", 1).Raw(new byte[512])
            .File("node/./dot/b.js", X)
            .End()
            .Raw(new byte[8192]));
        var inspection = await TarballInspector.InspectAsync(new MemoryStream(tarball), HostileTarballTests.Sha512(tarball), CancellationToken.None);
        Assert.Null(inspection.Problem);
        Assert.Equal(TarballInspectionStatus.Complete, inspection.Status);
        Assert.Equal(4, inspection.Files);
        Assert.Equal("node", inspection.Root);
        Assert.True(HostileTarballTests.Sha512(tarball).Matches(inspection.Digest));
    }

    [Fact]
    public async Task A_tarball_without_the_end_of_archive_blocks_is_accepted_as_tar_accepts_it()
    {
        var tarball = CraftedTar.Gzip(t => t.File("package/a.js", X));
        var inspection = await TarballInspector.InspectAsync(new MemoryStream(tarball), HostileTarballTests.Sha512(tarball), CancellationToken.None);
        Assert.Equal(TarballInspectionStatus.Complete, inspection.Status);
    }

    [Fact]
    public async Task A_source_that_fails_while_read_is_a_source_failure_not_a_verdict()
    {
        var tarball = CraftedTar.Gzip(t => t.File("package/a.js", new byte[200_000]).End());
        var inspection = await TarballInspector.InspectAsync(new FailingStream(tarball, 100), HostileTarballTests.Sha512(tarball), CancellationToken.None);
        Assert.Equal(TarballInspectionStatus.SourceFailed, inspection.Status);
        Assert.Contains("connection reset", inspection.Problem, StringComparison.Ordinal);
    }

    private static byte[] Crafted(string name)
    {
        var start = (CraftedTar t) => t.File("package/index.js", X);
        return name switch
        {
            "device" => CraftedTar.Gzip(t => start(t).Entry('3', "package/tty", 0).End()),
            "fifo" => CraftedTar.Gzip(t => start(t).Entry('6', "package/pipe", 0).End()),
            "unknown-type" => CraftedTar.Gzip(t => start(t).Entry('V', "package/v", 0).End()),
            "nul" => CraftedTar.Gzip(t => start(t).Pax(("path", "package/a\0b.js")).Entry('0', "package/ab.js", 0).End()),
            "control" => CraftedTar.Gzip(t => start(t).File("package/a\u001bb.js", X).End()),
            "backslash" => CraftedTar.Gzip(t => start(t).File("package/..\\..\\evil.js", X).End()),
            "drive" => CraftedTar.Gzip(t => t.File("C:/Windows/evil.dll", X).End()),
            "not-utf8" => CraftedTar.Gzip(t =>
            {
                start(t).Header('0', [.. "package/"u8, 0xFF, 0xFE], 0, []);
                t.End();
            }),
            "other-root" => CraftedTar.Gzip(t => start(t).File("other/index.js", X).End()),
            "top-level-file" => CraftedTar.Gzip(t => t.File("evil.js", X).End()),
            "duplicate" => CraftedTar.Gzip(t => start(t).File("package/a.js", X).File("package/./index.js", X).End()),
            "after-end" => CraftedTar.Gzip(t => start(t).End().File("package/hidden.js", X)),
            "checksum" => CraftedTar.Gzip(t =>
            {
                t.File("package/a.js", X).Header('0', "package/index.js"u8.ToArray(), 0, [], h => h[265] = (byte)'q');
                t.End();
            }),
            "size-field" => CraftedTar.Gzip(t =>
            {
                t.File("package/a.js", X).Header('0', "package/index.js"u8.ToArray(), 0, [], h =>
                {
                    h[124] = (byte)'9';
                    Checksum(h);
                });
                t.End();
            }),
            "truncated" => CraftedTar.Gzip(t => start(t).Entry('0', "package/big.js", 100_000).Raw(new byte[5000])),
            "dangling-pax" => CraftedTar.Gzip(t => start(t).Pax(("path", "package/x.js")).End()),
            "global-path" => CraftedTar.Gzip(t =>
            {
                start(t).Header('g', "pax_global_header"u8.ToArray(), 30, []);
                t.Raw([.. "30 path=package/evil/xxxxxxxx\n"u8, .. new byte[482]]).End();
            }),
            "sparse" => CraftedTar.Gzip(t => start(t).Pax(("GNU.sparse.major", "1")).Entry('0', "package/s", 0).End()),
            "bad-pax" => CraftedTar.Gzip(t =>
            {
                start(t).Header('x', "PaxHeader"u8.ToArray(), 9, []);
                t.Raw([.. "99 path=\n"u8, .. new byte[503]]).Entry('0', "package/x", 0).End();
            }),
            "folder-with-content" => CraftedTar.Gzip(t => start(t).Entry('5', "package/lib/", 512).Raw(new byte[512]).End()),
            "not-gzip" => [.. "not a gzip stream at all, just text"u8],
            "pax-link" => CraftedTar.Gzip(t => start(t).Pax(("linkpath", "/etc/shadow")).Entry('2', "package/lib", 0, "harmless").End()),
            _ => throw new ArgumentOutOfRangeException(nameof(name)),
        };
    }

    private static void Checksum(byte[] header)
    {
        "        "u8.CopyTo(header.AsSpan(148));
        int sum = header.Sum(b => b);
        System.Text.Encoding.ASCII.GetBytes(Convert.ToString(sum, 8).PadLeft(6, '0')).CopyTo(header.AsSpan(148));
        header[154] = 0;
    }

    /// <summary>A source that fails after some bytes, as a dropped download does.</summary>
    private sealed class FailingStream(byte[] bytes, int failAfter) : MemoryStream(bytes, writable: false)
    {
        public override int Read(Span<byte> buffer)
        {
            if (Position >= failAfter)
            {
                throw new IOException("connection reset by peer");
            }

            return base.Read(buffer[..Math.Min(buffer.Length, failAfter - (int)Position)]);
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(Read(buffer.Span));
    }
}
