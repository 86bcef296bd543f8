using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Vigil.Cli;

/// <summary>
/// Readies the garbage-collected heap for a short run: its first <see cref="Budget"/> bytes committed at once,
/// and backed by 2 MB pages where the kernel allows (Linux, transparent huge pages in "madvise" or "always" mode).
/// </summary>
/// <remarks>
/// <para>
/// An audit allocates about 10 MB and exits; no collection runs. Left alone, the GC commits its regions 64 KB at a
/// time, and every 4 KB page of them is a page fault at first touch: about 2,000 faults of an audit's 3,750, and a
/// third of its processor time on a virtual machine, where a fault is dear. A no-GC region of <see cref="Budget"/>
/// makes the GC commit that much in one piece, and <c>madvise(MADV_HUGEPAGE)</c> on the GC's reservation lets the
/// kernel fault it in 2 MB at a time: the audit of the benchmark takes about 1,900 fewer faults and a third less
/// processor time (docs/notes/auditfast.md, round 4).
/// </para>
/// <para>
/// Nothing here changes what a run computes. If the run allocates more than the budget, the GC collects as usual and
/// the no-GC region simply ends. Any failure (another system, no <c>/proc</c>, an error from the kernel) leaves the
/// heap as it was. The cost is memory: up to 2 MB more resident per touched huge page (peak 25 → 28 MiB for the
/// benchmark's audit).
/// </para>
/// </remarks>
static class ShortRunHeap
{
    /// <summary>What a run may allocate before the first collection: more than an audit of a 2,000-package lockfile takes.</summary>
    public const long Budget = 16 * 1024 * 1024;

    private const int MadviseHugePage = 14;

    /// <summary>Commits the budget and asks for huge pages; off with <c>VIGIL_SHORT_RUN_HEAP=0</c>.</summary>
    public static void Prepare()
    {
        if (!OperatingSystem.IsLinux() || Environment.GetEnvironmentVariable("VIGIL_SHORT_RUN_HEAP") == "0")
        {
            return;
        }

        try
        {
            if (!GC.TryStartNoGCRegion(Budget))
            {
                return;
            }

            object probe = new byte[1];
            ulong address = (ulong)Unsafe.As<object, nint>(ref probe);
            if (Reservation(File.ReadAllText("/proc/self/maps"), address) is var (start, end))
            {
                _ = Madvise((nint)start, (nint)(end - start), MadviseHugePage);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException or ArgumentOutOfRangeException or DllNotFoundException or EntryPointNotFoundException)
        {
            // Only a faster start is lost.
        }
    }

    /// <summary>
    /// In the text of <c>/proc/self/maps</c>, the run of adjacent anonymous mappings that holds
    /// <paramref name="address"/>: the GC's reservation (committed and reserved parts are separate mappings), or null.
    /// </summary>
    internal static (ulong Start, ulong End)? Reservation(string maps, ulong address)
    {
        ulong runStart = 0, runEnd = 0;
        var found = false;
        foreach (var range in maps.AsSpan().EnumerateLines())
        {
            var line = range.Trim();
            if (line.IsEmpty)
            {
                continue;
            }

            if (!TryParse(line, out ulong start, out ulong end, out bool anonymous))
            {
                return null;
            }

            if (anonymous && start == runEnd && runEnd != 0)
            {
                runEnd = end;
            }
            else if (found)
            {
                break;
            }
            else if (anonymous)
            {
                (runStart, runEnd) = (start, end);
            }
            else
            {
                (runStart, runEnd) = (0, 0);
                continue;
            }

            found |= address >= start && address < end;
        }

        return found ? (runStart, runEnd) : null;
    }

    /// <summary>One line: <c>start-end perms offset dev inode [path]</c>; anonymous when it names no path.</summary>
    private static bool TryParse(ReadOnlySpan<char> line, out ulong start, out ulong end, out bool anonymous)
    {
        start = end = 0;
        anonymous = false;
        int dash = line.IndexOf('-');
        int space = line.IndexOf(' ');
        if (dash <= 0 || space <= dash
            || !ulong.TryParse(line[..dash], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out start)
            || !ulong.TryParse(line[(dash + 1)..space], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out end))
        {
            return false;
        }

        // Fields after the range: perms, offset, dev, inode, then the path if any.
        var rest = line[(space + 1)..];
        for (var field = 0; field < 4; field++)
        {
            rest = rest.TrimStart(' ');
            int next = rest.IndexOf(' ');
            rest = next < 0 ? [] : rest[next..];
        }

        anonymous = rest.Trim().IsEmpty;
        return end > start;
    }

    [DllImport("libc", EntryPoint = "madvise", SetLastError = true)]
    private static extern int Madvise(nint address, nint length, int advice);
}
