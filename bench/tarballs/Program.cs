using System.Diagnostics;
using System.IO.Compression;
using System.Security.Cryptography;
using Vigil.Signing.Integrity;
using Vigil.Signing.Tarballs;
using Vigil.Signing.Tests.Tarballs;

namespace Vigil.TarballBench;

/// <summary>
/// Crafts the issue's hostile tarballs (as the tests do) and prints, for each, how long the inspector took to reject
/// it, what it allocated, the process's peak working set and how much it read. Bar: under 2 s and 256 MB each.
/// Run: <c>bench/tarballs/run.sh</c>.
/// </summary>
public static class Program
{
    public static async Task<int> Main()
    {
        var cases = new (string Name, Func<byte[]> Make)[]
        {
            ("absolute path", () => CraftedTar.Gzip(t => t.File("/etc/cron.d/evil", "x"u8.ToArray()).End())),
            ("../ path", () => CraftedTar.Gzip(t => t.File("package/index.js", "x"u8.ToArray()).File("package/../../.bashrc", "x"u8.ToArray()).End())),
            ("symlink escape", () => CraftedTar.Gzip(t => t.File("package/index.js", "x"u8.ToArray()).Entry('2', "package/lib", 0, "../../../../etc").End())),
            ("hardlink escape", () => CraftedTar.Gzip(t => t.File("package/index.js", "x"u8.ToArray()).Entry('1', "package/passwd", 0, "/etc/passwd").End())),
            ("10,000-deep folders", () => CraftedTar.Gzip(t =>
            {
                for (int depth = 1; depth <= 10_000; depth++)
                {
                    t.Folder("package/" + string.Concat(Enumerable.Repeat("d/", depth)));
                }

                t.End();
            })),
            ("10,000-deep path", () => CraftedTar.Gzip(t => t.File("package/" + string.Concat(Enumerable.Repeat("d/", 10_000)) + "x.js", "x"u8.ToArray()).End())),
            ("1:1000 gzip bomb (1 GiB)", () => CraftedTar.Gzip(
                t => t.File("package/package.json", "{}"u8.ToArray()).ZeroFile("package/bomb.bin", 1L << 30).End(), CompressionLevel.SmallestSize)),
            ("a million entries", () => CraftedTar.Gzip(t =>
            {
                for (int i = 0; i < 1_000_000; i++)
                {
                    t.Entry('0', "package/f" + i.ToString(System.Globalization.CultureInfo.InvariantCulture) + ".js", 0);
                }

                t.End();
            })),
        };

        Console.WriteLine($"{"case",-26} {"tgz bytes",12} {"read",10} {"unpacked",13} {"ms",8} {"alloc MB",9} {"peak WS MB",11}  outcome");
        bool allWithin = true;
        foreach (var (name, make) in cases)
        {
            var tarball = make();
            if (!IntegrityValue.TryParse("sha512-" + Convert.ToBase64String(SHA512.HashData(tarball)), out var integrity, out var error))
            {
                throw new InvalidOperationException(error);
            }

            GC.Collect();
            GC.WaitForPendingFinalizers();
            long allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
            var clock = Stopwatch.StartNew();
            var inspection = await TarballInspector.InspectAsync(new MemoryStream(tarball, writable: false), integrity!.Strongest, CancellationToken.None);
            clock.Stop();
            double allocatedMb = (GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore) / (1024.0 * 1024);
            double peakMb = Process.GetCurrentProcess().PeakWorkingSet64 / (1024.0 * 1024);
            bool within = inspection.Status == TarballInspectionStatus.Rejected && clock.Elapsed.TotalSeconds < 2 && allocatedMb < 256;
            allWithin &= within;
            Console.WriteLine(
                $"{name,-26} {tarball.Length,12:N0} {inspection.CompressedBytes,10:N0} {inspection.UncompressedBytes,13:N0} {clock.Elapsed.TotalMilliseconds,8:F1} {allocatedMb,9:F2} {peakMb,11:F0}  {inspection.Status}{(within ? "" : " (OUTSIDE THE BAR)")}: {inspection.Problem}");
        }

        Console.WriteLine("(peak WS is the whole process's, the crafted tarballs held in memory included)");
        return allWithin ? 0 : 1;
    }
}
