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
/// The first <see cref="FilledAhead"/> bytes are then filled in by the kernel on the other core
/// (<c>MADV_POPULATE_WRITE</c>) while this one parses the command line, so that the thread that allocates does not
/// wait for each huge page to be zeroed (the benchmark's audit: about 2 ms less wall time, interleaved).
/// </para>
/// <para>
/// Nothing here changes what a run computes. If the run allocates more than the budget, the GC collects as usual and
/// the no-GC region simply ends. Any failure (another system, no <c>/proc</c>, an error from the kernel) leaves the
/// heap as it was. The cost is memory: up to 2 MB more resident per touched huge page (peak 25 → 32 MiB for the
/// benchmark's audit).
/// </para>
/// </remarks>
static class ShortRunHeap
{
    /// <summary>What a run may allocate before the first collection: more than an audit of a 2,000-package lockfile takes.</summary>
    public const long Budget = 16 * 1024 * 1024;

    private const int MadviseHugePage = 14;
    private const int MadvisePopulateWrite = 23;
    private const ulong HugePage = 2 * 1024 * 1024;

    /// <summary>
    /// How much of the budget is filled in ahead: what every audit uses. Filling in more only costs memory (the
    /// benchmark's audit: 12 MB gave no gain over 8, and 4 MB more resident).
    /// </summary>
    private const ulong FilledAhead = 8 * 1024 * 1024;

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
            string maps = File.ReadAllText("/proc/self/maps");
            if (Reservation(maps, address) is var (start, end))
            {
                _ = Madvise((nint)start, (nint)(end - start), MadviseHugePage);
            }

            // The kernel fills in the first pages the run will allocate on the other core, while this one parses
            // the command line: filling a huge page means zeroing 2 MB, which the allocating thread would otherwise
            // wait for.
            if (Mapping(maps, address) is var (committedStart, committedEnd))
            {
                ulong from = Math.Max(address & ~(HugePage - 1), committedStart);
                ulong length = Math.Min(committedEnd - from, FilledAhead);
                ThreadPool.UnsafeQueueUserWorkItem(static range => _ = Madvise((nint)range.From, (nint)range.Length, MadvisePopulateWrite), (From: from, Length: length), preferLocal: false);
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

    /// <summary>In the text of <c>/proc/self/maps</c>, the one mapping that holds <paramref name="address"/>, or null.</summary>
    internal static (ulong Start, ulong End)? Mapping(string maps, ulong address)
    {
        foreach (var range in maps.AsSpan().EnumerateLines())
        {
            if (TryParse(range.Trim(), out ulong start, out ulong end, out _) && address >= start && address < end)
            {
                return (start, end);
            }
        }

        return null;
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
