using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Vigil.Testing;

/// <summary>
/// The processor time the calling thread has used, from <c>clock_gettime(CLOCK_THREAD_CPUTIME_ID)</c>. Unlike a
/// stopwatch it does not count time the thread spent waiting for a core, so bounds on it hold on a busy machine
/// (tests of different projects run in parallel on two cores).
/// </summary>
public static partial class ThreadCpuTime
{
    private const int ClockThreadCpuTimeId = 3;

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [LibraryImport("libc", EntryPoint = "clock_gettime")]
    private static partial int ClockGetTime(int clockId, out TimeSpec time);

    /// <summary>The thread's processor time so far; wall-clock time where the clock is not available.</summary>
    public static TimeSpan Now()
    {
        if (OperatingSystem.IsLinux() && ClockGetTime(ClockThreadCpuTimeId, out var t) == 0)
        {
            return TimeSpan.FromTicks((t.Seconds * TimeSpan.TicksPerSecond) + (t.Nanoseconds / 100));
        }

        return Stopwatch.GetElapsedTime(0);
    }

    /// <summary>
    /// The least processor time <paramref name="action"/> took in <paramref name="runs"/> runs, each started on a
    /// freshly collected heap so that garbage left by other tests is not collected on this thread's time.
    /// </summary>
    public static TimeSpan Fastest(Action action, int runs = 7)
    {
        ArgumentNullException.ThrowIfNull(action);
        var best = TimeSpan.MaxValue;
        for (int i = 0; i < runs; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            var start = Now();
            action();
            var elapsed = Now() - start;
            best = elapsed < best ? elapsed : best;
        }

        return best;
    }
}
